#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Console {

// A problem the pre-scan found; line and column count from 0, like yaml-cpp's marks.
struct YamlPreScanProblem
{
    int line = 0;
    int column = 0;
    QString message;
};

// A look at the raw text before yaml-cpp parses it, for two mistakes yaml-cpp reports badly or
// not at all: a quote that is never closed (yaml-cpp swallows the following lines into the value,
// and the file can even pass) and nesting so deep that yaml-cpp only says the file is bad, at a
// wrong position. It knows just enough YAML to find where a quoted scalar starts: plain scalars
// may hold quotes (`say "hi` is plain text), comments start at a "#" after a space, and block
// scalars (`|`, `>`) hold any text on their more indented lines.
// Internal to console_config.
class YamlPreScan final
{
    Q_DECLARE_TR_FUNCTIONS(YamlPreScan)

public:
    // More than any configuration needs (a header of an endpoint of a region is 6 levels deep),
    // far less than what makes a recursive parser dig deep into its stack.
    static constexpr int MaxNesting = 64;

    static std::optional<YamlPreScanProblem> check(const QByteArray &yaml);
};

} // namespace Console
