#pragma once

#include "actionconfig.h"
#include "actioncontext.h"
#include "actionoutcome.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

class QNetworkAccessManager;

namespace Console {

class CommandProcess;
class HttpExchange;
struct CommandResult;
struct HttpExchangeResult;
struct HttpRequestSpec;

// Runs one configured action (a program, an HTTP request, a Cloudflare DNS record or pool
// change, a Slack notice) with its templates filled from the run's context, and reports how it
// ended exactly once through finished(), within the action's timeout, without ever blocking the
// thread. Secrets (the API token, values from the environment) never reach the outcome's texts.
// One action at a time per runner; many runners share one QNetworkAccessManager per thread.
class ActionRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionRunner)
public:
    // `network` is not owned and must outlive the runner.
    explicit ActionRunner(QNetworkAccessManager *network, QObject *parent = nullptr);
    // Ends a running action (its program killed, its request dropped) without finished().
    ~ActionRunner() override;

    // Exactly one finished() per call, never from inside run(): a run that cannot start (one is
    // still going, a template has no value) fails at once without doing anything.
    void run(const Console::ActionConfig &action, const Console::ActionContext &context);
    bool isRunning() const { return m_running; }
    // Ends the running action at once (a program is killed, a request dropped) with finished()
    // saying "aborted"; nothing when none runs.
    void abort();

    // Fills each "{name}" of `text` (ActionTemplate's rules); names without a value stay.
    static QString expand(const QString &text, const QMap<QString, QString> &values);

signals:
    void finished(const Console::ActionOutcome &outcome);

private:
    // Why a run cannot start, or an empty string.
    QString missingValues() const;
    QString filled(const QString &text) const;
    void startCommand();
    void startHttp();
    void startSlack();
    void startDns();
    void startPoolRead();
    void startPoolWrite(const QJsonArray &origins, const QStringList &changed);
    void send(
        const HttpRequestSpec &spec, void (ActionRunner::*handler)(const HttpExchangeResult &));
    QList<QPair<QByteArray, QByteArray>> cloudflareHeaders(bool withBody) const;
    void onCommandFinished(const CommandResult &result);
    void onHttpFinished(const HttpExchangeResult &result);
    void onDnsFinished(const HttpExchangeResult &result);
    void onPoolRead(const HttpExchangeResult &result);
    void onPoolWritten(const HttpExchangeResult &result);
    // False (and the run concluded) when Cloudflare did not say success.
    bool cloudflareSucceeded(const HttpExchangeResult &result, QJsonValue *resultValue);
    void onDeadline();
    QString elapsedText() const;
    void fail(const QString &summary, const QByteArray &detail = {});
    void failLater(const QString &summary);
    void conclude(bool ok, const QString &summary, const QByteArray &detail = {});
    void stopWork();

    QNetworkAccessManager *m_network; // not owned
    ActionConfig m_action;
    QMap<QString, QString> m_values;
    QString m_message;
    QStringList m_secrets; // masking order
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QPointer<CommandProcess> m_process; // owned (child) while a program runs
    QPointer<HttpExchange> m_exchange; // owned (child) while a request runs
    int m_httpStatus = 0;
    int m_exitCode = -1;
    QStringList m_poolChanged; // for the pool's summary
    bool m_running = false;
    quint64 m_runSerial = 0; // tells a queued failure which run it belongs to
};

} // namespace Console
