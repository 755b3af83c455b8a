#include "yamlnodereader.h"

#include "yamlaliascheck.h"
#include "yamlprescan.h"

#include "bytesizeparser.h"
#include "durationparser.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace Console {

YamlNodeReader::YamlNodeReader(
    const QString &fileName, const QMap<QString, QString> &extraVariables)
    : m_fileName(fileName)
    , m_expander(extraVariables)
{ }

YAML::Node YamlNodeReader::load(const QByteArray &yaml)
{
    if (const std::optional<YamlPreScanProblem> problem = YamlPreScan::check(yaml)) {
        // yaml-cpp would swallow the lines after an open quote, or give up on deep nesting at a
        // wrong place: this is the one problem worth reporting.
        YAML::Mark mark;
        mark.line = problem->line;
        mark.column = problem->column;
        error(mark, tr("YAML syntax error: %1").arg(problem->message));
        return {};
    }
    try {
        // Without a "*" there is no alias, and no need for a second parse.
        const std::optional<YamlAliasProblem> alias
            = yaml.contains('*') ? YamlAliasCheck::check(yaml) : std::nullopt;
        if (alias) {
            error(alias->mark, tr("YAML aliases: %1").arg(alias->message));
            return {};
        }
        return YAML::Load(yaml.toStdString());
    } catch (const YAML::ParserException &e) {
        // A syntax error ends yaml-cpp's parse: this is the one problem it can report.
        error(e.mark, tr("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    } catch (const YAML::Exception &e) {
        error(e.mark, tr("cannot read the YAML: %1").arg(QString::fromStdString(e.msg)));
    }
    return {};
}

void YamlNodeReader::error(const YAML::Mark &mark, const QString &message)
{
    if (m_diagnostics.size() >= ConfigLimits::MaxDiagnostics) {
        ++m_unlisted;
        return;
    }
    // yaml-cpp counts from 0 and uses -1 for "no position"; people count from 1.
    const bool known = mark.line >= 0;
    m_diagnostics.append(
        { m_fileName, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, message });
}

void YamlNodeReader::addSecretValue(const QString &value)
{
    if (!value.isEmpty() && !m_secretValues.contains(value))
        m_secretValues += value;
}

std::optional<ConfigScalar> YamlNodeReader::scalar(const YamlField &field, qsizetype maxLength)
{
    if (!field.value.IsDefined() || field.value.IsNull()) {
        // A null value's own mark points at the next token, the key is where the user looks.
        error(field.keyNode.Mark(), tr("\"%1\" has no value").arg(field.key));
        return std::nullopt;
    }
    if (!field.value.IsScalar()) {
        error(field.value.Mark(),
            tr("\"%1\" must be a single value, not %2").arg(field.key, describe(field.value)));
        return std::nullopt;
    }
    // Checked before expansion too: a 5 MB value is neither expanded nor quoted anywhere.
    const std::string &raw = field.value.Scalar();
    if (qsizetype(raw.size()) > 4 * maxLength) { // UTF-8 takes at most 4 bytes a character
        tooLong(field, qsizetype(raw.size()), maxLength, true);
        return std::nullopt;
    }
    const ExpandedText expanded = m_expander.expand(QString::fromStdString(raw));
    if (expanded.value.size() > maxLength) {
        tooLong(field, expanded.value.size(), maxLength, false);
        return std::nullopt;
    }
    m_secretValues += expanded.secretValues;
    for (const QString &problem : expanded.errors)
        error(field.value.Mark(), tr("in \"%1\": %2").arg(field.key, problem));
    if (!expanded.ok())
        return std::nullopt;
    return ConfigScalar { expanded.value, expanded.displayText, expanded.isSecret() };
}

std::optional<QString> YamlNodeReader::text(const YamlField &field, qsizetype maxLength)
{
    const std::optional<ConfigScalar> s = scalar(field, maxLength);
    if (!s)
        return std::nullopt;
    if (s->value.trimmed().isEmpty()) {
        error(field.value.Mark(), tr("\"%1\" is empty").arg(field.key));
        return std::nullopt;
    }
    return s->value;
}

std::optional<QString> YamlNodeReader::name(const YamlField &field)
{
    const std::optional<ConfigScalar> s = scalar(field, ConfigLimits::MaxNameLength);
    if (!s)
        return std::nullopt;
    // Ids and names are shown in every row, label and journal line and quoted in diagnostics,
    // while a value from the environment is a secret (the fuzz target saw one quoted whole in
    // "region \"s<secret>\" is missing required key", which no mask could find).
    if (s->secret) {
        error(field.value.Mark(),
            tr("\"%1\" cannot take a value from the environment (%2): ids and names are shown, "
               "and values from the environment are kept secret")
                .arg(field.key, quoted(*s)));
        return std::nullopt;
    }
    if (s->value.trimmed().isEmpty()) {
        error(field.value.Mark(), tr("\"%1\" is empty").arg(field.key));
        return std::nullopt;
    }
    return s->value;
}

void YamlNodeReader::tooLong(
    const YamlField &field, qsizetype length, qsizetype maxLength, bool bytes)
{
    error(field.value.Mark(),
        bytes ? tr("\"%1\" is %2 bytes long; at most %3 characters are allowed")
                    .arg(field.key)
                    .arg(length)
                    .arg(maxLength)
              : tr("\"%1\" is %2 characters long; at most %3 are allowed")
                    .arg(field.key)
                    .arg(length)
                    .arg(maxLength));
}

std::optional<int> YamlNodeReader::integer(const YamlField &field, int minimum, int maximum)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    const QString text = s->value.trimmed();
    bool ok = false;
    const int value = text.toInt(&ok, 10);
    // All digits but no int: a whole number, only out of any range this reader allows.
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    const bool outOfInt = !ok && digits.match(text).hasMatch();
    if (!ok && !outOfInt) {
        error(field.value.Mark(),
            tr("\"%1\" must be a whole number, not %2").arg(field.key, quoted(*s)));
        return std::nullopt;
    }
    if (outOfInt) {
        const bool negative = text.startsWith(u'-');
        error(field.value.Mark(),
            negative ? tr("%1 is too small for \"%2\" (at least %3)")
                           .arg(quoted(*s), field.key)
                           .arg(minimum)
                     : tr("%1 is too large for \"%2\" (at most %3)")
                           .arg(quoted(*s), field.key)
                           .arg(maximum));
        return std::nullopt;
    }
    if (value < minimum || value > maximum) {
        error(field.value.Mark(),
            maximum == std::numeric_limits<int>::max()
                ? tr("\"%1\" must be at least %2, not %3")
                      .arg(field.key)
                      .arg(minimum)
                      .arg(quoted(*s))
                : tr("\"%1\" must be between %2 and %3, not %4")
                      .arg(field.key)
                      .arg(minimum)
                      .arg(maximum)
                      .arg(quoted(*s)));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlNodeReader::number(const YamlField &field, double minimum, double maximum)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    bool ok = false;
    const double value = s->value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        error(field.value.Mark(), tr("\"%1\" must be a number, not %2").arg(field.key, quoted(*s)));
        return std::nullopt;
    }
    if (value < minimum || value > maximum) {
        error(field.value.Mark(),
            tr("\"%1\" must be between %2 and %3, not %4")
                .arg(field.key)
                .arg(minimum)
                .arg(maximum)
                .arg(quoted(*s)));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlNodeReader::boolean(const YamlField &field)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    const QString value = s->value.trimmed();
    if (value.compare(u"true", Qt::CaseInsensitive) == 0)
        return true;
    if (value.compare(u"false", Qt::CaseInsensitive) == 0)
        return false;
    error(
        field.value.Mark(), tr("\"%1\" must be true or false, not %2").arg(field.key, quoted(*s)));
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> YamlNodeReader::duration(
    const YamlField &field, bool allowZero)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    QString problem;
    const std::optional<std::chrono::milliseconds> value
        = DurationParser::parse(s->value, &problem);
    if (!value) {
        error(field.value.Mark(),
            tr("invalid duration %1 for \"%2\": %3").arg(quoted(*s), field.key, problem));
        return std::nullopt;
    }
    if (!allowZero && value->count() == 0) {
        error(field.value.Mark(), tr("\"%1\" must be longer than zero").arg(field.key));
        return std::nullopt;
    }
    return value;
}

std::optional<qint64> YamlNodeReader::byteSize(const YamlField &field)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    QString problem;
    const std::optional<qint64> value = ByteSizeParser::parse(s->value, &problem);
    if (!value) {
        error(field.value.Mark(),
            tr("invalid size %1 for \"%2\": %3").arg(quoted(*s), field.key, problem));
        return std::nullopt;
    }
    if (*value == 0) {
        error(field.value.Mark(), tr("\"%1\" must be larger than zero").arg(field.key));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlNodeReader::fraction(const YamlField &field)
{
    const std::optional<ConfigScalar> s = scalar(field);
    if (!s)
        return std::nullopt;
    QString value = s->value.trimmed();
    const bool percent = value.endsWith(u'%');
    if (percent)
        value.chop(1);
    bool ok = false;
    double fraction = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(fraction)) {
        error(field.value.Mark(),
            tr("\"%1\" must be a percentage like 50% or a fraction like 0.5, not %2")
                .arg(field.key, quoted(*s)));
        return std::nullopt;
    }
    if (percent)
        fraction /= 100.0;
    if (fraction <= 0.0 || fraction > 1.0) {
        error(field.value.Mark(),
            tr("\"%1\" must be above 0% and at most 100%, not %2").arg(field.key, quoted(*s)));
        return std::nullopt;
    }
    return fraction;
}

QString YamlNodeReader::quoted(const ConfigScalar &scalar)
{
    return u'"' + scalar.displayText + u'"';
}

QString YamlNodeReader::describe(const YAML::Node &node)
{
    if (node.IsMap())
        return tr("a mapping");
    if (node.IsSequence())
        return tr("a list");
    return tr("a single value");
}

} // namespace Console
