#include "conninfo.h"

#include <QRegularExpression>
#include <QStringList>

#include <libpq-fe.h>

#include <memory>
#include <string_view>

namespace Console {

namespace {

const QString Password = QStringLiteral("password");

struct ConninfoFree
{
    void operator()(PQconninfoOption *options) const { PQconninfoFree(options); }
};

struct Enumerated
{
    const char *keyword;
    QStringList values;
};

// PQconninfoParse takes any value; libpq refuses these only when it connects, so the window
// would be the first to say so. The values of libpq 15 (Debian 12).
const QList<Enumerated> &enumeratedOptions()
{
    static const QList<Enumerated> options {
        { "sslmode",
            { QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                QStringLiteral("require"), QStringLiteral("verify-ca"),
                QStringLiteral("verify-full") } },
        { "gssencmode",
            { QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require") } },
        { "target_session_attrs",
            { QStringLiteral("any"), QStringLiteral("read-write"), QStringLiteral("read-only"),
                QStringLiteral("primary"), QStringLiteral("standby"),
                QStringLiteral("prefer-standby") } },
        { "channel_binding",
            { QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require") } },
    };
    return options;
}

} // namespace

bool ConnInfo::isUri(QStringView text)
{
    const QStringView s = text.trimmed();
    return s.startsWith(u"postgresql://") || s.startsWith(u"postgres://");
}

QString ConnInfo::check(QStringView text, QStringView shown)
{
    if (shown.isEmpty())
        shown = text;
    if (text.trimmed().isEmpty())
        return tr("the connection string is empty");
    if (isUri(text)) {
        const QStringView rest = text.trimmed().sliced(text.trimmed().indexOf(u"://") + 3);
        if (rest.contains(u' '))
            return tr("a connection URI cannot contain spaces (percent-encode them)");
        QStringView authority
            = rest.left(rest.indexOf(u'/') < 0 ? rest.size() : rest.indexOf(u'/'));
        authority = authority.sliced(authority.lastIndexOf(u'@') + 1); // a password may hold ','
        if (authority.contains(u','))
            return oneServerOnly();
        if (rest.contains(u"service="))
            return noService();
        return checkWithLibpq(text, shown);
    }
    QString error;
    const QList<Parameter> parameters = parseKeywords(text, &error);
    if (!error.isEmpty())
        return error;
    if (parameters.isEmpty())
        return tr("the connection string has no key=value pairs");
    for (const Parameter &p : parameters) {
        if ((p.key == u"host" || p.key == u"hostaddr") && p.rawValue.contains(u','))
            return oneServerOnly();
        if (p.key == u"service")
            return noService();
    }
    return checkWithLibpq(text, shown);
}

QString ConnInfo::checkWithLibpq(QStringView text, QStringView shown)
{
    // An option assembled from an environment value ("se${VAR}sword") is no whole token that
    // masking could find: the fuzz target saw one quoted in full.
    const auto written = [shown](const QString &fragment) { return shown.contains(fragment); };
    char *errorText = nullptr;
    const std::unique_ptr<PQconninfoOption, ConninfoFree> options(
        PQconninfoParse(text.trimmed().toUtf8().constData(), &errorText));
    if (!options) {
        QString message = errorText ? QString::fromUtf8(errorText).trimmed() : QString();
        PQfreemem(errorText);
        // libpq names an unknown option in quotes; that is a keyword, never a value.
        static const QRegularExpression unknown(
            QStringLiteral("^(?:invalid connection option|invalid URI query parameter:) "
                           "\"([^\"]*)\"$"));
        if (const QRegularExpressionMatch match = unknown.match(message); match.hasMatch()) {
            return written(match.captured(1))
                ? tr("unknown option \"%1\"").arg(match.captured(1))
                : tr("unknown option (its name comes from an environment variable)");
        }
        // Any other quoted fragment may be a piece of the password.
        static const QRegularExpression quoted(QStringLiteral("\"[^\"]{2,}\""));
        message.replace(quoted, QStringLiteral("\"…\""));
        return message.isEmpty() ? tr("libpq cannot read it") : tr("libpq: %1").arg(message);
    }
    QString host, hostaddr, port;
    for (const PQconninfoOption *o = options.get(); o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString value = QString::fromUtf8(o->val);
        const std::string_view keyword(o->keyword);
        if (keyword == "host")
            host = value;
        else if (keyword == "hostaddr")
            hostaddr = value;
        else if (keyword == "port")
            port = value;
        else if (keyword == "service")
            return noService();
        for (const Enumerated &option : enumeratedOptions()) {
            if (keyword == option.keyword && !option.values.contains(value)) {
                const QString allowed = option.values.join(QStringLiteral(", "));
                return written(value)
                    ? tr("%1 must be one of %2, not \"%3\"")
                          .arg(QLatin1StringView(o->keyword), allowed, value)
                    : tr("%1 must be one of %2; the value from the environment is not")
                          .arg(QLatin1StringView(o->keyword), allowed);
            }
        }
    }
    // A host list in a URI query (?host=a,b) or a port list: libpq would try several servers.
    if (host.contains(u',') || hostaddr.contains(u',') || port.contains(u','))
        return oneServerOnly();
    return {};
}

// A probe must know which server answered, and libpq would resolve the extra names itself,
// blocking the window; so one endpoint names exactly one server.
QString ConnInfo::oneServerOnly()
{
    return tr("name one server per endpoint (list the others as endpoints of their own)");
}

// A service file entry hides the host, which libpq would then resolve itself, blocking.
QString ConnInfo::noService()
{
    return tr("service= is not supported: write host=, port= and dbname= out");
}

QString ConnInfo::redacted(QStringView text)
{
    if (isUri(text))
        return redactedUri(text.trimmed());
    QString error;
    const QList<Parameter> parameters = parseKeywords(text, &error);
    if (!error.isEmpty()) {
        // Without "=" there is no "password=" to hide ("${PG_DSN}" shows as written).
        return text.contains(u'=') ? tr("(malformed connection string)")
                                   : text.trimmed().toString();
    }
    QStringList kept;
    for (const Parameter &p : parameters) {
        if (p.key != Password)
            kept += p.key + u'=' + p.rawValue;
    }
    return kept.join(u' ');
}

// libpq's keyword form: "key = value" pairs split by white space; a value is either bare (up to
// white space) or single-quoted with backslash escapes.
QList<ConnInfo::Parameter> ConnInfo::parseKeywords(QStringView text, QString *error)
{
    QList<Parameter> parameters;
    qsizetype pos = 0;
    const auto skipSpaces = [&] {
        while (pos < text.size() && text[pos].isSpace())
            ++pos;
    };
    while (true) {
        skipSpaces();
        if (pos >= text.size())
            break;
        const qsizetype keyStart = pos;
        while (pos < text.size() && !text[pos].isSpace() && text[pos] != u'=')
            ++pos;
        Parameter p;
        p.key = text.sliced(keyStart, pos - keyStart).toString();
        skipSpaces();
        if (p.key.isEmpty()) {
            *error = tr("expected a key before \"=\"");
            return {};
        }
        if (pos >= text.size() || text[pos] != u'=') {
            // Quoting the word could print part of a password that lacks its quotes.
            *error = tr("expected key=value pairs (quote values that contain spaces: key='a b')");
            return {};
        }
        ++pos;
        skipSpaces();
        const qsizetype valueStart = pos;
        if (pos < text.size() && text[pos] == u'\'') {
            ++pos;
            while (pos < text.size() && text[pos] != u'\'')
                pos += text[pos] == u'\\' ? 2 : 1;
            if (pos >= text.size()) {
                *error = tr("a quoted value has no closing quote");
                return {};
            }
            ++pos;
        } else {
            while (pos < text.size() && !text[pos].isSpace())
                ++pos;
        }
        p.rawValue = text.sliced(valueStart, pos - valueStart).toString();
        parameters += p;
    }
    return parameters;
}

QString ConnInfo::redactedUri(QStringView text)
{
    const qsizetype authorityStart = text.indexOf(u"://") + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < text.size() && text[authorityEnd] != u'/' && text[authorityEnd] != u'?')
        ++authorityEnd;
    QString result = text.first(authorityStart).toString();
    const QStringView authority = text.sliced(authorityStart, authorityEnd - authorityStart);
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0) {
        const QStringView userInfo = authority.first(at);
        const qsizetype colon = userInfo.indexOf(u':');
        result += (colon < 0 ? userInfo : userInfo.first(colon)) + u'@';
    }
    result += authority.sliced(at + 1);

    const QStringView tail = text.sliced(authorityEnd);
    const qsizetype question = tail.indexOf(u'?');
    if (question < 0)
        return result + tail;
    result += tail.first(question);
    QStringList kept;
    const QList<QStringView> items = tail.sliced(question + 1).split(u'&');
    for (QStringView item : items) {
        if (!item.isEmpty()
            && item.first(item.indexOf(u'=') < 0 ? item.size() : item.indexOf(u'=')) != Password)
            kept += item.toString();
    }
    if (!kept.isEmpty())
        result += u'?' + kept.join(u'&');
    return result;
}

} // namespace Console
