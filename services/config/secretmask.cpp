#include "secretmask.h"

#include <algorithm>

namespace Console {

bool SecretMask::isBoundary(QChar c)
{
    if (c.isSpace())
        return true;
    static const QString separators = QStringLiteral("\"'`=,;:@/?&#|()[]{}<>");
    return separators.contains(c);
}

QString SecretMask::masked(QString text, QStringList secrets, const QString &mask)
{
    std::sort(secrets.begin(), secrets.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(secrets)) {
        if (secret.isEmpty())
            continue;
        qsizetype from = 0;
        // Each pass moves `from` forward, so the loop ends within text.size() steps.
        while (from < text.size()) {
            const qsizetype at = text.indexOf(secret, from);
            if (at < 0)
                break;
            const qsizetype end = at + secret.size();
            const bool whole = (at == 0 || isBoundary(text.at(at - 1)))
                && (end == text.size() || isBoundary(text.at(end)));
            if (!whole) {
                from = at + 1;
                continue;
            }
            text.replace(at, secret.size(), mask);
            from = at + mask.size();
        }
    }
    return text;
}

} // namespace Console
