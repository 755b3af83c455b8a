#include "demoadmingate.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Console {

namespace {

DemoReply refusal(int status, const QString &message)
{
    return { status, "application/json",
        QJsonDocument(QJsonObject { { QStringLiteral("error"), message } })
            .toJson(QJsonDocument::Compact),
        {} };
}

// Compares every byte whatever the first difference is, so the answer's timing tells nothing
// about how much of a guess was right.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

std::optional<DemoReply> rejectAdminRequest(
    const QHostAddress &peer, const QByteArray &presented, const QByteArray &token)
{
    // The servers listen on 127.0.0.1 only; this holds even if that ever changed.
    if (!peer.isLoopback())
        return refusal(403, QStringLiteral("demo admin requests are taken from loopback only"));
    if (token.isEmpty() || !sameToken(presented, token))
        return refusal(401,
            presented.isEmpty()
                ? QStringLiteral("missing %1 header").arg(QLatin1String(DemoTokenHeader))
                : QStringLiteral("wrong demo admin token"));
    return std::nullopt;
}

} // namespace Console
