#include "outcometext.h"

#include "quantitytext.h"

#include <QCoreApplication>

#include <algorithm>

namespace Console {

QStringList OutcomeText::maskOrder(const QStringList &secrets)
{
    QStringList ordered;
    for (const QString &secret : secrets) {
        if (!secret.isEmpty() && !ordered.contains(secret))
            ordered += secret;
    }
    std::stable_sort(ordered.begin(), ordered.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return ordered;
}

QString OutcomeText::masked(QString text, const QStringList &orderedSecrets)
{
    for (const QString &secret : orderedSecrets)
        text.replace(secret, QStringLiteral("\u2022\u2022\u2022\u2022"));
    return text;
}

QString OutcomeText::detail(const QByteArray &output, const QStringList &orderedSecrets)
{
    const QByteArray whole = masked(QString::fromUtf8(output), orderedSecrets).trimmed().toUtf8();
    if (whole.size() <= MaxDetailBytes)
        return QString::fromUtf8(whole);
    static const QByteArray Ellipsis = QStringLiteral("\u2026").toUtf8();
    qsizetype start = whole.size() - (MaxDetailBytes - Ellipsis.size());
    // Never start inside a UTF-8 sequence: skip its continuation bytes.
    while (start < whole.size() && (static_cast<unsigned char>(whole[start]) & 0xC0) == 0x80)
        ++start;
    return QString::fromUtf8(Ellipsis + whole.sliced(start));
}

QString OutcomeText::elapsed(std::chrono::milliseconds elapsed)
{
    if (elapsed.count() < 1000)
        return QCoreApplication::translate("Console::OutcomeText", "%1 ms").arg(elapsed.count());
    return QuantityText::seconds(double(elapsed.count()) / 1000.0);
}

} // namespace Console
