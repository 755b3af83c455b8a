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

// The number at a dotted path of a JSON body; nothing when the body is not JSON or the value is
// missing, not a number, negative or not finite (a figure the endpoint reports, never a verdict).
std::optional<double> jsonNumberAt(const QByteArray &body, const QString &path);

} // namespace Console
