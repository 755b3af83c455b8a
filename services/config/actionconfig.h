#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>

namespace Console {

// What an action does when the failover engine runs it: a step of a failover (fence a node that
// cannot be reached, promote, re-point, rebuild an old primary) or a traffic switch or a notice.
enum class ActionKind {
    Command, // a program with arguments, no shell
    Http, // any HTTP request
    CloudflareDns, // Cloudflare API v4: update one DNS record's content
    CloudflarePool, // Cloudflare API v4: enable and disable origins of a load-balancer pool
    SlackWebhook, // Slack-compatible incoming webhook: POST {"text": ...}
};

// One configured action. Text values may hold templates such as "{target_region}", filled in
// when the action runs (see ActionContext); values from the environment are secrets and never
// appear in messages, the journal or reports.
struct ActionConfig
{
    QString id; // for the journal and events; "<owner>.<key>" when the file gives none
    ActionKind kind = ActionKind::Command;
    std::chrono::milliseconds timeout { 30000 };

    // Command: argv[0] is the program (absolute, or found on PATH); each argument is templated.
    QStringList command;

    // Http and SlackWebhook (the URL of the webhook); templated.
    QString url;
    QByteArray method = "POST";
    QList<QPair<QByteArray, QByteArray>> headers; // values may hold secrets
    QString body; // templated; empty sends no body
    QString caFile; // extra CA certificates (PEM) trusted besides the system store

    // Cloudflare (both kinds).
    QString apiBase = QStringLiteral("https://api.cloudflare.com/client/v4");
    QString apiToken; // a secret: "Authorization: Bearer <token>"
    // CloudflareDns: PATCH zones/{zone_id}/dns_records/{record_id}.
    QString zoneId;
    QString recordId;
    QString recordName; // e.g. "db.example.com"
    QString recordType = QStringLiteral("CNAME");
    QString recordContent; // templated, e.g. "db-{target_region}.example.com"
    int recordTtl = 60; // 1 means "automatic" to Cloudflare
    bool recordProxied = false;
    // CloudflarePool: GET then PATCH accounts/{account_id}/load_balancers/pools/{pool_id}.
    QString accountId;
    QString poolId;
    QStringList enableOrigins; // origin names, templated
    QStringList disableOrigins;

    // The values above that came from the environment, for redaction.
    QStringList secretValues;
};

QString toString(
    ActionKind kind); // "command", "http", "cloudflare-dns", "cloudflare-pool", "slack"

} // namespace Console
