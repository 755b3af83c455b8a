#include "variableexpander.h"

namespace Console {

namespace {

bool isValidName(QStringView name)
{
    if (name.isEmpty() || name.front().isDigit())
        return false;
    for (QChar c : name) {
        const bool ascii
            = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!ascii && c != u'_')
            return false;
    }
    return true;
}

} // namespace

VariableExpander::VariableExpander(const QMap<QString, QString> &extraVariables)
    : m_extraVariables(extraVariables)
{ }

ExpandedText VariableExpander::expand(QStringView text) const
{
    ExpandedText out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype dollar = text.indexOf(u"$", pos);
        if (dollar < 0) {
            out.value += text.sliced(pos);
            out.displayText += text.sliced(pos);
            break;
        }
        out.value += text.sliced(pos, dollar - pos);
        out.displayText += text.sliced(pos, dollar - pos);
        const QStringView rest = text.sliced(dollar);
        if (rest.startsWith(u"$${")) {
            out.value += u"${";
            out.displayText += u"$${";
            pos = dollar + 3;
        } else if (rest.startsWith(u"${")) {
            const qsizetype close = text.indexOf(u'}', dollar + 2);
            if (close < 0) {
                out.errors += tr("unterminated \"${\": missing \"}\"");
                return out;
            }
            substitute(text.sliced(dollar + 2, close - dollar - 2), out);
            pos = close + 1;
        } else {
            out.value += u'$';
            out.displayText += u'$';
            pos = dollar + 1;
        }
    }
    return out;
}

void VariableExpander::substitute(QStringView reference, ExpandedText &out) const
{
    const qsizetype separator = reference.indexOf(u":-");
    const QStringView name = separator < 0 ? reference : reference.first(separator);
    const bool hasDefault = separator >= 0;
    const QStringView fallback = hasDefault ? reference.sliced(separator + 2) : QStringView();
    if (!isValidName(name)) {
        out.errors += tr("invalid variable name \"%1\" (use letters, digits and \"_\")").arg(name);
        return;
    }

    const QString key = name.toString();
    if (const auto extra = m_extraVariables.constFind(key); extra != m_extraVariables.cend()) {
        // Shell semantics: ":-" also replaces a value that is set but empty.
        const QString value = hasDefault && extra->isEmpty() ? fallback.toString() : *extra;
        out.value += value;
        out.displayText += value;
        return;
    }

    const QString value = qEnvironmentVariable(key.toLocal8Bit().constData());
    if (!value.isEmpty()) {
        out.value += value;
        out.displayText += u"${" + key + u'}';
        out.secretValues += value;
    } else if (hasDefault) {
        out.value += fallback;
        out.displayText += fallback;
    } else if (!qEnvironmentVariableIsSet(key.toLocal8Bit().constData())) {
        out.errors += tr("environment variable \"%1\" is not set").arg(key);
    } else {
        // Set but empty: nothing secret to hide, and an empty password is the user's choice.
        out.displayText += u"${" + key + u'}';
    }
}

} // namespace Console
