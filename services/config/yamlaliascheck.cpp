#include "yamlaliascheck.h"

#include "configlimits.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace Console {

namespace {

constexpr qint64 Limit = ConfigLimits::MaxAliasedValues;

// Thrown from the event handler to stop the parse at the first problem.
struct Stop
{
    YamlAliasProblem problem;
};

// Follows yaml-cpp's parse events and keeps, for each anchor, how many values its node stands
// for once every alias inside it is written out.
class Counter final : public YAML::EventHandler
{
public:
    void OnDocumentStart(const YAML::Mark &) override { }
    void OnDocumentEnd() override { }
    void OnAnchor(const YAML::Mark &, const std::string &name) override
    {
        // yaml-cpp numbers anchors 1, 2, 3... in the order they appear, a redefinition included.
        m_names.push_back(QString::fromStdString(name));
    }
    void OnNull(const YAML::Mark &, YAML::anchor_t anchor) override { leaf(anchor); }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
        const std::string &) override
    {
        leaf(anchor);
    }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
        YAML::EmitterStyle::value) override
    {
        open(anchor);
    }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t anchor,
        YAML::EmitterStyle::value) override
    {
        open(anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override;

private:
    static constexpr qint64 Open = -1;

    void leaf(YAML::anchor_t anchor)
    {
        record(anchor, 1);
        add(1);
    }
    void open(YAML::anchor_t anchor)
    {
        record(anchor, Open);
        m_stack.push_back({ anchor, 1 });
    }
    void close()
    {
        const Node node = m_stack.back();
        m_stack.pop_back();
        record(node.anchor, node.values);
        add(node.values);
    }
    void record(YAML::anchor_t anchor, qint64 values)
    {
        if (anchor == YAML::NullAnchor)
            return;
        if (m_values.size() <= anchor)
            m_values.resize(anchor + 1, 0);
        m_values[anchor] = values;
    }
    void add(qint64 values)
    {
        // Capped: past the limit the exact count no longer matters, and it cannot overflow.
        if (!m_stack.empty())
            m_stack.back().values = std::min(m_stack.back().values + values, Limit + 1);
    }
    QString nameOf(YAML::anchor_t anchor) const
    {
        return anchor >= 1 && anchor <= m_names.size() ? m_names[anchor - 1] : QString();
    }

    struct Node
    {
        YAML::anchor_t anchor;
        qint64 values;
    };
    std::vector<Node> m_stack; // the collections not yet closed
    std::vector<qint64> m_values; // by anchor; Open while its node is being read
    std::vector<QString> m_names; // by anchor - 1
    qint64 m_added = 0; // values that aliases add beyond the one each stands in for
};

void Counter::OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor)
{
    // yaml-cpp has refused an alias to an anchor it has not seen.
    const qint64 values = anchor < m_values.size() ? m_values[anchor] : 1;
    if (values == Open) {
        throw Stop { { mark,
            YamlAliasCheck::tr("the alias *%1 is inside the node it names, so it would repeat "
                               "without end")
                .arg(nameOf(anchor)) } };
    }
    m_added = std::min(m_added + values - 1, Limit + 1);
    if (m_added > Limit) {
        throw Stop { { mark,
            YamlAliasCheck::tr("the aliases repeat more than %1 values (this *%2 repeats %3); "
                               "write the repeated parts out")
                .arg(Limit)
                .arg(nameOf(anchor))
                .arg(values) } };
    }
    add(values);
}

} // namespace

std::optional<YamlAliasProblem> YamlAliasCheck::check(const QByteArray &yaml)
{
    std::istringstream in(yaml.toStdString());
    YAML::Parser parser(in);
    Counter counter;
    try {
        parser.HandleNextDocument(counter);
    } catch (const Stop &stop) {
        return stop.problem;
    }
    return std::nullopt;
}

} // namespace Console
