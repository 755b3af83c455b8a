#include "actiontemplate.h"

namespace Console {

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

// Walks the text once: `literal` receives plain text, `placeholder` each "{name}" found.
template <typename Literal, typename Placeholder>
void scan(QStringView text, Literal literal, Placeholder placeholder)
{
    qsizetype pos = 0;
    while (pos < text.size()) {
        const QChar c = text[pos];
        if (c != u'{') {
            literal(c);
            ++pos;
            continue;
        }
        if (pos + 1 < text.size() && text[pos + 1] == u'{') {
            literal(u'{');
            pos += 2;
            continue;
        }
        if (pos > 0 && text[pos - 1] == u'$') {
            literal(c);
            ++pos;
            continue;
        }
        qsizetype end = pos + 1;
        if (end < text.size() && isNameStart(text[end])) {
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            if (end < text.size() && text[end] == u'}') {
                placeholder(text.sliced(pos + 1, end - pos - 1));
                pos = end + 1;
                continue;
            }
        }
        literal(c);
        ++pos;
    }
}

} // namespace

const QStringList &ActionTemplate::knownNames()
{
    static const QStringList names { QStringLiteral("target_region"), QStringLiteral("target_name"),
        QStringLiteral("old_primary_region"), QStringLiteral("old_primary_name"),
        QStringLiteral("region"), QStringLiteral("source_region"), QStringLiteral("run_id"),
        QStringLiteral("run_kind"), QStringLiteral("message") };
    return names;
}

const QStringList &ActionTemplate::faultNames()
{
    static const QStringList names { QStringLiteral("region"), QStringLiteral("target_region"),
        QStringLiteral("target_name"), QStringLiteral("message") };
    return names;
}

QString ActionTemplate::knownNamesText()
{
    QStringList braced;
    for (const QString &name : knownNames())
        braced += u'{' + name + u'}';
    return braced.join(QStringLiteral(", "));
}

QStringList ActionTemplate::namesIn(QStringView text)
{
    QStringList names;
    scan(
        text, [](QChar) {},
        [&names](QStringView name) {
            if (!names.contains(name))
                names += name.toString();
        });
    return names;
}

QString ActionTemplate::expand(QStringView text, const QMap<QString, QString> &values)
{
    QString out;
    out.reserve(text.size());
    scan(
        text, [&out](QChar c) { out += c; },
        [&out, &values](QStringView name) {
            const auto value = values.constFind(name.toString());
            if (value != values.cend())
                out += *value;
            else
                out += u'{' + name + u'}';
        });
    return out;
}

} // namespace Console
