#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace Console {

// Checks a health endpoint's JSON body against `expect` (dotted path -> scalar as text; a
// numeric segment indexes an array). Returns why it fails, or nothing when every path holds.
// Pure, so the rules are tested without a server.
std::optional<QString> checkJsonBody(const QByteArray &body, const QMap<QString, QString> &expect);

} // namespace Console
