#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include "postgresobservation.h"

#include <optional>

namespace Console {

// The value at a dotted path ("data.items.0.state": a numeric segment indexes an array), or an
// undefined value when any step is missing.
QJsonValue jsonValueAt(const QJsonValue &root, const QString &path);

// Checks a health endpoint's JSON body against `expect` (dotted path -> scalar as text; a
// numeric segment indexes an array). Returns why it fails, or nothing when every path holds.
// Pure, so the rules are tested without a server.
std::optional<QString> checkJsonBody(const QByteArray &body, const QMap<QString, QString> &expect);

// The number at a dotted path of a JSON body; nothing when the body is not JSON or the value is
// missing, not a number, negative or not finite (a figure the endpoint reports, never a verdict).
std::optional<double> jsonNumberAt(const QByteArray &body, const QString &path);

// The role a health answer reports at a dotted path, in the words the usual tools use: primary,
// master, leader, writable, read-write; or standby, replica, secondary, follower, read-only
// (any case). Nothing for a missing path or any other word: a role is never guessed.
std::optional<PostgresRole> jsonRoleAt(const QByteArray &body, const QString &path);

} // namespace Console
