#include "actionrunner.h"

#include "actiontemplate.h"
#include "cloudflareapi.h"
#include "commandprocess.h"
#include "httpexchange.h"
#include "outcometext.h"
#include "quantitytext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace Console {

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

} // namespace

ActionRunner::ActionRunner(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    Q_ASSERT(m_network);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &ActionRunner::onDeadline);
}

// The children (a program, a request) are killed and dropped by their own destructors.
ActionRunner::~ActionRunner() = default;

QString ActionRunner::expand(const QString &text, const QMap<QString, QString> &values)
{
    return ActionTemplate::expand(text, values);
}

void ActionRunner::run(const ActionConfig &action, const ActionContext &context)
{
    if (m_running) {
        // This call's one finished(); the running action goes on undisturbed.
        ActionOutcome refused;
        refused.summary = tr("not run: action \"%1\" is still running").arg(m_action.id);
        QMetaObject::invokeMethod(
            this, [this, refused] { emit finished(refused); }, Qt::QueuedConnection);
        return;
    }
    m_action = action;
    m_values = context.values;
    m_message = context.message;
    if (!m_values.contains(QStringLiteral("message")))
        m_values.insert(QStringLiteral("message"), context.message);
    m_secrets = OutcomeText::maskOrder(action.secretValues + QStringList { action.apiToken });
    m_httpStatus = 0;
    m_exitCode = -1;
    m_poolChanged.clear();
    m_running = true;
    ++m_runSerial;
    m_clock.start();

    if (const QString missing = missingValues(); !missing.isEmpty()) {
        failLater(missing);
        return;
    }
    m_deadline.start(m_action.timeout);
    switch (m_action.kind) {
    case ActionKind::Command: startCommand(); break;
    case ActionKind::Http: startHttp(); break;
    case ActionKind::SlackWebhook: startSlack(); break;
    case ActionKind::CloudflareDns: startDns(); break;
    case ActionKind::CloudflarePool: startPoolRead(); break;
    }
}

void ActionRunner::abort()
{
    if (m_running)
        fail(tr("aborted after %1").arg(elapsedText()));
}

// Half-filled arguments could switch traffic to "db-.example.com": refuse before acting.
QString ActionRunner::missingValues() const
{
    QStringList texts = m_action.command;
    texts << m_action.url << m_action.body << m_action.recordName << m_action.recordContent;
    texts += m_action.enableOrigins;
    texts += m_action.disableOrigins;
    for (const auto &[name, value] : m_action.headers)
        texts += QString::fromUtf8(value);
    QStringList missing;
    for (const QString &text : std::as_const(texts)) {
        for (const QString &name : ActionTemplate::namesIn(text)) {
            if (ActionTemplate::knownNames().contains(name) && !m_values.contains(name)
                && !missing.contains(name))
                missing += u'{' + name + u'}';
        }
    }
    if (missing.isEmpty())
        return {};
    return tr("not run: this run has no value for %1").arg(missing.join(QStringLiteral(", ")));
}

QString ActionRunner::filled(const QString &text) const
{
    return ActionTemplate::expand(text, m_values);
}

void ActionRunner::startCommand()
{
    if (m_action.command.isEmpty()) {
        failLater(tr("not run: the action has no command"));
        return;
    }
    QStringList arguments;
    for (qsizetype i = 1; i < m_action.command.size(); ++i)
        arguments += filled(m_action.command.at(i));
    auto *process = new CommandProcess(this);
    m_process = process;
    connect(process, &CommandProcess::finished, this, &ActionRunner::onCommandFinished);
    process->start(filled(m_action.command.first()), arguments);
}

void ActionRunner::onCommandFinished(const CommandResult &result)
{
    if (!result.started) {
        fail(tr("the program could not start: %1").arg(result.startError));
        return;
    }
    m_exitCode = result.exitCode;
    if (result.crashed) {
        fail(tr("the program was killed by a signal after %1").arg(elapsedText()), result.output);
        return;
    }
    conclude(result.exitCode == 0, tr("exit %1 in %2").arg(result.exitCode).arg(elapsedText()),
        result.output);
}

void ActionRunner::startHttp()
{
    HttpRequestSpec spec;
    spec.method = m_action.method;
    spec.url = QUrl(filled(m_action.url), QUrl::StrictMode);
    spec.body = filled(m_action.body).toUtf8();
    spec.caFile = m_action.caFile;
    spec.timeout = m_action.timeout;
    bool hasContentType = false;
    for (const auto &[name, value] : m_action.headers) {
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        spec.headers.append({ name, filled(QString::fromUtf8(value)).toUtf8() });
    }
    // Qt would call a body form data; the APIs an action calls read JSON.
    if (!spec.body.isEmpty() && !hasContentType)
        spec.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    send(spec, &ActionRunner::onHttpFinished);
}

// Slack's incoming webhooks take a POST of {"text": ...} with "Content-type: application/json"
// (api.slack.com/messaging/webhooks, "Sending messages using incoming webhooks"); they answer
// 200 "ok", or 4xx with a word such as "invalid_payload" or "no_text".
void ActionRunner::startSlack()
{
    if (m_message.trimmed().isEmpty()) {
        failLater(tr("not sent: the run gave no message"));
        return;
    }
    HttpRequestSpec spec;
    spec.method = "POST";
    spec.url = QUrl(filled(m_action.url), QUrl::StrictMode);
    spec.headers = { { "Content-Type", "application/json" } };
    spec.body = QJsonDocument(QJsonObject { { QStringLiteral("text"), m_message } })
                    .toJson(QJsonDocument::Compact);
    spec.caFile = m_action.caFile;
    spec.timeout = m_action.timeout;
    send(spec, &ActionRunner::onHttpFinished);
}

void ActionRunner::onHttpFinished(const HttpExchangeResult &result)
{
    if (!result.answered()) {
        fail(tr("%1 after %2").arg(result.error, elapsedText()));
        return;
    }
    m_httpStatus = result.status;
    conclude(isSuccess(result.status), tr("HTTP %1 in %2").arg(result.status).arg(elapsedText()),
        result.body);
}

QList<QPair<QByteArray, QByteArray>> ActionRunner::cloudflareHeaders(bool withBody) const
{
    QList<QPair<QByteArray, QByteArray>> headers { { "Authorization",
        "Bearer " + m_action.apiToken.toUtf8() } };
    if (withBody)
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return headers;
}

void ActionRunner::startDns()
{
    HttpRequestSpec spec;
    spec.method = "PATCH";
    spec.url = CloudflareApi::dnsRecordUrl(m_action.apiBase, m_action.zoneId, m_action.recordId);
    spec.headers = cloudflareHeaders(true);
    spec.body = CloudflareApi::dnsRecordBody(m_action.recordType, filled(m_action.recordName),
        filled(m_action.recordContent), m_action.recordTtl, m_action.recordProxied);
    spec.caFile = m_action.caFile;
    spec.timeout = m_action.timeout;
    send(spec, &ActionRunner::onDnsFinished);
}

void ActionRunner::onDnsFinished(const HttpExchangeResult &result)
{
    if (!cloudflareSucceeded(result, nullptr))
        return;
    conclude(true,
        tr("%1 %2 now points to %3 (HTTP %4 in %5)")
            .arg(m_action.recordType, filled(m_action.recordName), filled(m_action.recordContent))
            .arg(result.status)
            .arg(elapsedText()));
}

void ActionRunner::startPoolRead()
{
    HttpRequestSpec spec;
    spec.method = "GET";
    spec.url = CloudflareApi::poolUrl(m_action.apiBase, m_action.accountId, m_action.poolId);
    spec.headers = cloudflareHeaders(false);
    spec.caFile = m_action.caFile;
    spec.timeout = m_action.timeout;
    send(spec, &ActionRunner::onPoolRead);
}

void ActionRunner::onPoolRead(const HttpExchangeResult &result)
{
    QJsonValue pool;
    if (!cloudflareSucceeded(result, &pool))
        return;
    QJsonArray origins;
    if (!CloudflareApi::poolOrigins(pool, &origins)) {
        fail(tr("Cloudflare's answer about pool %1 lists no origins (HTTP %2 in %3)")
                 .arg(m_action.poolId)
                 .arg(result.status)
                 .arg(elapsedText()),
            result.body);
        return;
    }
    QStringList enable;
    QStringList disable;
    for (const QString &name : std::as_const(m_action.enableOrigins))
        enable += filled(name);
    for (const QString &name : std::as_const(m_action.disableOrigins))
        disable += filled(name);
    const CloudflareApi::OriginEdit edit = CloudflareApi::editOrigins(origins, enable, disable);
    // Nothing is written unless every name is known: half a traffic switch is worse than none.
    if (!edit.unknown.isEmpty()) {
        fail(tr("pool %1 has no origin named %2 (it has %3); nothing changed")
                 .arg(m_action.poolId, edit.unknown.join(QStringLiteral(", ")),
                     CloudflareApi::originNames(origins).join(QStringLiteral(", "))));
        return;
    }
    startPoolWrite(edit.origins, edit.changed);
}

void ActionRunner::startPoolWrite(const QJsonArray &origins, const QStringList &changed)
{
    m_poolChanged = changed;
    HttpRequestSpec spec;
    spec.method = "PATCH";
    spec.url = CloudflareApi::poolUrl(m_action.apiBase, m_action.accountId, m_action.poolId);
    spec.headers = cloudflareHeaders(true);
    spec.body = CloudflareApi::originsBody(origins);
    spec.caFile = m_action.caFile;
    spec.timeout = m_action.timeout;
    send(spec, &ActionRunner::onPoolWritten);
}

void ActionRunner::onPoolWritten(const HttpExchangeResult &result)
{
    if (!cloudflareSucceeded(result, nullptr))
        return;
    const QString changed = m_poolChanged.isEmpty()
        ? tr("no origin changed")
        : tr("switched %1").arg(m_poolChanged.join(QStringLiteral(", ")));
    conclude(true,
        tr("pool %1: %2 (HTTP %3 in %4)")
            .arg(m_action.poolId, changed)
            .arg(result.status)
            .arg(elapsedText()));
}

bool ActionRunner::cloudflareSucceeded(const HttpExchangeResult &result, QJsonValue *resultValue)
{
    if (!result.answered()) {
        fail(tr("%1 after %2").arg(result.error, elapsedText()));
        return false;
    }
    m_httpStatus = result.status;
    if (result.truncated) {
        fail(tr("Cloudflare's answer is over %1 (HTTP %2 in %3)")
                 .arg(QuantityText::bytes(HttpExchange::MaxBodyBytes))
                 .arg(result.status)
                 .arg(elapsedText()));
        return false;
    }
    const CloudflareApi::Answer answer = CloudflareApi::readAnswer(result.body);
    if (!answer.readable) {
        fail(tr("HTTP %1 in %2 without a Cloudflare answer").arg(result.status).arg(elapsedText()),
            result.body);
        return false;
    }
    if (!isSuccess(result.status) || !answer.success) {
        const QString errors = answer.errors.isEmpty() ? tr("no success and no error given")
                                                       : answer.errors.join(QStringLiteral("; "));
        fail(tr("Cloudflare: %1 (HTTP %2 in %3)").arg(errors).arg(result.status).arg(elapsedText()),
            result.body);
        return false;
    }
    if (resultValue)
        *resultValue = answer.result;
    return true;
}

void ActionRunner::send(
    const HttpRequestSpec &spec, void (ActionRunner::*handler)(const HttpExchangeResult &))
{
    auto *exchange = new HttpExchange(m_network, this);
    m_exchange = exchange;
    connect(exchange, &HttpExchange::finished, this,
        [this, exchange, handler](const HttpExchangeResult &result) {
            // The exchange is done; a following request gets a new one.
            m_exchange.clear();
            exchange->deleteLater();
            (this->*handler)(result);
        });
    exchange->start(spec);
}

void ActionRunner::onDeadline()
{
    fail(tr("timed out after %1").arg(QuantityText::duration(m_action.timeout)));
}

QString ActionRunner::elapsedText() const
{
    return OutcomeText::elapsed(std::chrono::milliseconds(m_clock.elapsed()));
}

void ActionRunner::fail(const QString &summary, const QByteArray &detail)
{
    conclude(false, summary, detail);
}

void ActionRunner::failLater(const QString &summary)
{
    const quint64 serial = m_runSerial;
    QMetaObject::invokeMethod(
        this,
        [this, serial, summary] {
            // An abort() in between has already ended this run.
            if (m_running && serial == m_runSerial)
                fail(summary);
        },
        Qt::QueuedConnection);
}

void ActionRunner::conclude(bool ok, const QString &summary, const QByteArray &detail)
{
    if (!m_running)
        return;
    m_running = false;
    stopWork();
    ActionOutcome outcome;
    outcome.ok = ok;
    outcome.summary = OutcomeText::masked(summary, m_secrets);
    outcome.detail = OutcomeText::detail(detail, m_secrets);
    outcome.elapsed = std::chrono::milliseconds(m_clock.elapsed());
    outcome.httpStatus = m_httpStatus;
    outcome.exitCode = m_exitCode;
    emit finished(outcome);
}

void ActionRunner::stopWork()
{
    m_deadline.stop();
    if (CommandProcess *process = m_process.data()) {
        m_process.clear();
        process->disconnect(this);
        process->killAndDispose();
    }
    if (HttpExchange *exchange = m_exchange.data()) {
        m_exchange.clear();
        exchange->disconnect(this);
        exchange->deleteLater(); // aborts its request
    }
}

} // namespace Console
