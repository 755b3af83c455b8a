#include "yamlprescan.h"

#include <QList>
#include <QRegularExpression>

namespace Console {

namespace {

struct OpenQuote
{
    char quote = '"';
    int line = 0;
    int column = 0; // in characters
    int indent = 0; // of the line it opened on
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Columns count characters, not UTF-8 bytes, as an editor shows them.
int columnOf(const QByteArray &line, qsizetype byteOffset)
{
    return int(QString::fromUtf8(line.left(byteOffset)).size());
}

// A line that starts a new mapping entry: an optional "- ", a plain key, ":" and a space or the
// end of the line.
bool looksLikeKey(const QByteArray &line)
{
    static const QRegularExpression key(QStringLiteral("^\\s*(?:-\\s+)?[A-Za-z0-9_.-]+:(?:\\s|$)"));
    return key.match(QString::fromUtf8(line)).hasMatch();
}

class Scanner
{
public:
    std::optional<YamlPreScanProblem> run(const QByteArray &yaml);

private:
    // Scans `line` from byte `from` outside any quote; false when a problem was found.
    bool scanPlain(const QByteArray &line, qsizetype from);
    // Scans inside m_open from byte `from`; returns where the quote closed (after it), or -1.
    qsizetype scanQuoted(const QByteArray &line, qsizetype from) const;
    bool tooDeep(const QByteArray &line, qsizetype at, int depth);

    std::optional<OpenQuote> m_open;
    std::optional<YamlPreScanProblem> m_problem;
    QList<int> m_indents; // block levels opened so far; never more than MaxNesting
    int m_flowDepth = 0; // [ and { not yet closed
    int m_lineNumber = 0;
    int m_indent = 0;
    int m_blockParentIndent = -1; // >= 0 while inside a block scalar
};

std::optional<YamlPreScanProblem> Scanner::run(const QByteArray &yaml)
{
    const QList<QByteArray> lines = yaml.split('\n');
    for (qsizetype i = 0; i < lines.size() && !m_problem; ++i) {
        m_lineNumber = int(i);
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent) == ' ')
            ++indent;
        m_indent = int(indent);
        const bool blank = indent == line.size();

        if (m_open) {
            // A quoted scalar may go on over lines, but one that reaches a line reading like the
            // next key of the same or an outer mapping was meant to end before it: yaml-cpp
            // would take that key, and maybe the rest of the file, as part of the value.
            if (!blank && m_indent <= m_open->indent && looksLikeKey(line)) {
                m_problem = YamlPreScanProblem { m_open->line, m_open->column,
                    YamlPreScan::tr("unclosed %1 quote: the value that starts here runs on into "
                                    "line %2, which reads like the next key")
                        .arg(m_open->quote == '"' ? YamlPreScan::tr("double")
                                                  : YamlPreScan::tr("single"))
                        .arg(m_lineNumber + 1) };
                break;
            }
            const qsizetype after = scanQuoted(line, 0);
            if (after < 0)
                continue;
            m_open.reset();
            scanPlain(line, after);
            continue;
        }
        if (m_blockParentIndent >= 0) {
            if (blank || m_indent > m_blockParentIndent)
                continue;
            m_blockParentIndent = -1;
        }
        if (blank || line.at(indent) == '#')
            continue;
        if (line.startsWith("---") || line.startsWith("...") || line.startsWith('%')) {
            m_indents.clear();
            m_flowDepth = 0;
            continue;
        }
        if (m_flowDepth == 0) {
            while (!m_indents.isEmpty() && m_indents.last() > m_indent)
                m_indents.removeLast();
            if (m_indents.isEmpty() || m_indents.last() < m_indent) {
                if (tooDeep(line, indent, int(m_indents.size()) + 1))
                    break;
                m_indents.append(m_indent);
            }
        }
        scanPlain(line, indent);
    }
    if (!m_problem && m_open) {
        m_problem = YamlPreScanProblem { m_open->line, m_open->column,
            YamlPreScan::tr("unclosed %1 quote: the value that starts here runs on to the end of "
                            "the file")
                .arg(
                    m_open->quote == '"' ? YamlPreScan::tr("double") : YamlPreScan::tr("single")) };
    }
    return m_problem;
}

bool Scanner::scanPlain(const QByteArray &line, qsizetype from)
{
    // True where a scalar may begin: a quote there opens a quoted scalar, elsewhere it is text.
    bool expectScalar = from == m_indent;
    int dashes = 0; // "- - x", "? ? x": each nests one level deeper than the line's indent says
    for (qsizetype i = from; i < line.size(); ++i) {
        const char c = line.at(i);
        if (isSpace(c))
            continue;
        const bool spaceBefore = i == 0 || isSpace(line.at(i - 1));
        const bool spaceAfter = i + 1 == line.size() || isSpace(line.at(i + 1));
        if (c == '#' && spaceBefore)
            return true; // a comment
        if (expectScalar && (c == '"' || c == '\'')) {
            m_open = OpenQuote { c, m_lineNumber, columnOf(line, i), m_indent };
            const qsizetype after = scanQuoted(line, i + 1);
            if (after < 0)
                return true;
            m_open.reset();
            i = after - 1;
            expectScalar = false;
            continue;
        }
        if ((expectScalar || m_flowDepth > 0) && (c == '[' || c == '{')) {
            ++m_flowDepth;
            if (tooDeep(line, i, int(m_indents.size()) + dashes + m_flowDepth))
                return false;
            expectScalar = true;
            continue;
        }
        if (m_flowDepth > 0 && (c == ']' || c == '}')) {
            --m_flowDepth;
            expectScalar = false;
            continue;
        }
        if (m_flowDepth > 0 && c == ',') {
            expectScalar = true;
            continue;
        }
        if (c == ':' && (spaceAfter || m_flowDepth > 0)) {
            expectScalar = true;
            continue;
        }
        if ((c == '-' || c == '?') && expectScalar && spaceAfter) {
            // "? ? x" nests complex keys as deep as "- - x" nests lists (once missed: 5,000 of
            // them read "bad file" at column 998).
            if (m_flowDepth == 0 && i > m_indent) {
                ++dashes;
                if (tooDeep(line, i, int(m_indents.size()) + dashes))
                    return false;
            }
            continue;
        }
        if ((c == '|' || c == '>') && expectScalar && m_flowDepth == 0) {
            m_blockParentIndent = m_indent;
            return true; // the header's indicators and comment need no look
        }
        if ((c == '&' || c == '!' || c == '*') && expectScalar) {
            // An anchor, a tag or an alias: skip the name; a scalar may still follow.
            while (i + 1 < line.size() && !isSpace(line.at(i + 1)))
                ++i;
            continue;
        }
        expectScalar = false;
    }
    return true;
}

qsizetype Scanner::scanQuoted(const QByteArray &line, qsizetype from) const
{
    for (qsizetype i = from; i < line.size(); ++i) {
        const char c = line.at(i);
        if (m_open->quote == '"') {
            if (c == '\\')
                ++i; // an escape: the next character never closes
            else if (c == '"')
                return i + 1;
        } else if (c == '\'') {
            if (i + 1 < line.size() && line.at(i + 1) == '\'')
                ++i; // '' is a quote inside
            else
                return i + 1;
        }
    }
    return -1;
}

bool Scanner::tooDeep(const QByteArray &line, qsizetype at, int depth)
{
    if (depth <= YamlPreScan::MaxNesting)
        return false;
    m_problem = YamlPreScanProblem { m_lineNumber, columnOf(line, at),
        YamlPreScan::tr("nested too deep: more than %1 levels").arg(YamlPreScan::MaxNesting) };
    return true;
}

} // namespace

std::optional<YamlPreScanProblem> YamlPreScan::check(const QByteArray &yaml)
{
    return Scanner().run(yaml);
}

} // namespace Console
