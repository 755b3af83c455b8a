#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QUrl>

#include <memory>
#include <vector>

class QHttpServerResponder;
class QSslConfiguration;

namespace Console {

// A request exactly as the server read it, body included, for tests that check what an action
// sent: method, path, query, headers and body.
struct RecordedRequest
{
    QByteArray method; // "PATCH"
    QString path; // "/client/v4/zones/z/dns_records/r"
    QString query; // "run=r-1", without the "?"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    int headerCount(const QByteArray &name) const;
};

// A loopback HTTP server on QtHttpServer that records every request and answers each
// "METHOD /path" with a scripted status and body (404 otherwise), or never answers at all.
class RecordingHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingHttpServer)
public:
    explicit RecordingHttpServer(QObject *parent = nullptr);
    ~RecordingHttpServer() override;

    bool listenLocal(); // 127.0.0.1 on a free port
    bool listenLocalTls(const QSslConfiguration &tls);
    quint16 port() const { return m_port; }
    QString base(const QString &scheme = QStringLiteral("http")) const; // "http://127.0.0.1:p"

    void answer(const QByteArray &method, const QString &path, int status, const QByteArray &body,
        const QByteArray &contentType = "application/json");
    // Reads the request and keeps the connection open without a word.
    void staySilent(const QByteArray &method, const QString &path);

    const QList<RecordedRequest> &requests() const { return m_requests; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        int status = 404;
        QByteArray body;
        QByteArray contentType;
        bool silent = false;
    };

    static QByteArray methodName(const QHttpServerRequest &request);

    quint16 m_port = 0;
    QHash<QByteArray, Reply> m_replies; // "PATCH /path" -> reply
    QList<RecordedRequest> m_requests;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_silenced; // never answered
};

} // namespace Console
