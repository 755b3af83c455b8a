#include "demofault.h"

namespace Console {

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

} // namespace Console
