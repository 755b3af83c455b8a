#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Console {

// One request as MisbehavingHttpServer read it off the wire.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray target; // as sent, query included
    QByteArray path; // target without the query
    QList<QPair<QByteArray, QByteArray>> headers;
    int connectionSerial = 0; // which accepted connection carried it, from 1
    int indexOnConnection
        = 0; // 1 for the first request of a connection; above 1 means keep-alive reuse

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace Console
