#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace Console {

// One HTTP request an action sends.
struct HttpRequestSpec
{
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // may hold secrets
    QByteArray body; // empty sends none
    QString caFile; // extra CA certificates (PEM) trusted besides the system store
    std::chrono::milliseconds timeout { 30000 }; // Qt's transfer timeout, a backstop only
};

// What came back. `error` is set when no HTTP answer arrived; it never quotes the URL (a
// webhook's path is its secret) nor a header.
struct HttpExchangeResult
{
    int status = 0;
    QByteArray body; // at most HttpExchange::MaxBodyBytes
    bool truncated = false; // the answer was longer; the rest was not read
    QString error;

    bool answered() const { return error.isEmpty(); }
};

// Sends one request over a shared QNetworkAccessManager and reports once through finished():
// TLS always verified (a CA file adds to the system store, errors are never ignored), no
// redirects followed (an action changes things: it must reach the server it names), no cache,
// no cookies, the body capped. Deleting it aborts the request without a signal.
class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)
public:
    static constexpr qint64 MaxBodyBytes = 64 * 1024;

    // `network` is not owned and must outlive the exchange.
    explicit HttpExchange(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HttpExchange() override;

    // Once per exchange; finished() never comes from inside start().
    void start(const HttpRequestSpec &spec);

signals:
    void finished(const Console::HttpExchangeResult &result);

private:
    void onReadyRead();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    QString transportError() const;
    void concludeLater(const QString &error);
    void conclude(HttpExchangeResult result);

    QNetworkAccessManager *m_network; // not owned
    QPointer<QNetworkReply> m_reply; // owned while running; Qt parents it to the manager
    QUrl m_url;
    QByteArray m_body;
    bool m_truncated = false;
    QStringList m_tlsErrors;
    bool m_done = false;
};

} // namespace Console
