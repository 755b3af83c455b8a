#include "demofault.h"

namespace Console {

namespace {

struct DrillName
{
    QStringView name;
    DemoFault fault;
};

// Sorted by name. The lab's names (refuse, freeze, lag) map onto the nearest demo fault, so one
// drill file runs on both.
constexpr DrillName DrillNames[] = { { u"down", DemoFault::Down },
    { u"erroring", DemoFault::Erroring }, { u"freeze", DemoFault::Hang },
    { u"hang", DemoFault::Hang }, { u"lag", DemoFault::Lagging }, { u"refuse", DemoFault::Down },
    { u"restore", DemoFault::None }, { u"slow", DemoFault::Slow } };

} // namespace

QString toString(DemoFault fault)
{
    switch (fault) {
    case DemoFault::None: return QStringLiteral("none");
    case DemoFault::Down: return QStringLiteral("down");
    case DemoFault::Slow: return QStringLiteral("slow");
    case DemoFault::Hang: return QStringLiteral("hang");
    case DemoFault::Erroring: return QStringLiteral("erroring");
    case DemoFault::Lagging: return QStringLiteral("lagging");
    }
    return {};
}

std::optional<DemoFault> demoFaultFromString(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (DemoFault fault : allDemoFaults()) {
        if (trimmed.compare(toString(fault), Qt::CaseInsensitive) == 0)
            return fault;
    }
    return std::nullopt;
}

QList<DemoFault> allDemoFaults()
{
    return { DemoFault::None, DemoFault::Down, DemoFault::Slow, DemoFault::Hang,
        DemoFault::Erroring, DemoFault::Lagging };
}

std::optional<DemoFault> demoFaultForDrill(QStringView name)
{
    for (const DrillName &entry : DrillNames) {
        if (entry.name == name)
            return entry.fault;
    }
    return std::nullopt;
}

QStringList demoDrillFaultNames()
{
    QStringList names;
    for (const DrillName &entry : DrillNames)
        names += entry.name.toString();
    return names;
}

} // namespace Console
