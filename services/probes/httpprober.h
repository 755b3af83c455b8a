#pragma once

#include "config.h"
#include "httpverdict.h"
#include "prober.h"
#include "probescheduler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace Console {

// Probes one HTTP(S) endpoint: one request per start(), bounded in time (connect through the
// last body byte) and in size, TLS always verified, classified into a ProbeResult. Serves kind
// "breakers" too: the same request, with the body read as the application's breaker list.
// Many probers share one QNetworkAccessManager per thread; none owns a thread.
class HttpProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProber)
public:
    // `manager` is not owned and must outlive the prober; one manager serves a whole thread.
    explicit HttpProber(
        const EndpointConfig &config, QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~HttpProber() override;

    void start() override;
    bool isRunning() const { return m_running; }
    const EndpointConfig &config() const { return m_config; }

    // For ProbeScheduler: HttpProbers sharing `manager` (not owned; must outlive them) for kinds
    // http and breakers; nullptr for other kinds.
    static ProbeScheduler::ProberFactory factory(QNetworkAccessManager *manager);

private:
    void prepareRequest();
    QNetworkReply *send();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void onDeadline();
    // Reads what arrived; false when the probe ended because the cap was passed.
    bool consumeBody();
    bool keepsBody() const;
    bool acceptsStatus(int status) const;
    HttpVerdict unexpectedStatusVerdict() const;
    void failTooLarge(const QString &reason);
    HttpVerdict answerVerdict();
    void conclude(const HttpVerdict &verdict);

    EndpointConfig m_config;
    QNetworkAccessManager *m_manager; // not owned
    QNetworkRequest m_request;
    QString m_setupError; // e.g. an unreadable CA file: every probe fails with it
    QPointer<QNetworkReply> m_reply; // owned while a probe runs; Qt parents it to the manager
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QByteArray m_body;
    qint64 m_bodyBytes = 0;
    int m_httpStatus = 0;
    bool m_answerStarted = false;
    bool m_running = false;
    QStringList m_tlsErrors;
    QList<RemoteBreaker> m_remoteBreakers; // read from the last answer (kind breakers)
};

} // namespace Console
