#pragma once

#include <QObject>
#include <QTimer>

#include <curl/curl.h>

namespace Console {

// One libcurl multi handle driven by this thread's Qt event loop: curl's sockets are watched by
// QSocketNotifiers and its timeouts by one single-shot QTimer (the multi-socket API), so no call
// blocks the loop and thousands of transfers share one handle, one connection cache and one
// resolver. One per thread; every easy handle added must be removed before the multi goes.
class CurlMulti final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)
public:
    // What learns that its transfer ended; curl's own handle stays owned by the caller.
    class Transfer
    {
    public:
        // Called from the event loop, never from inside a curl callback; the easy handle is
        // already removed, so the transfer may be restarted or destroyed from here.
        virtual void transferDone(CURLcode result) = 0;

    protected:
        ~Transfer() = default;
    };

    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override;

    // Starts `easy` (not owned); `transfer` (not owned) hears when it ends. False when curl
    // refuses the handle.
    bool add(CURL *easy, Transfer *transfer);
    // Stops `easy` if it runs; its connection is closed when a transfer was cut short.
    void remove(CURL *easy);
    int runningTransfers() const { return m_added; }

private:
    class SocketWatch;

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *watch);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);
    void updateSocket(curl_socket_t socket, int what, SocketWatch *watch);
    void onSocketActivated(curl_socket_t socket, int event);
    void onTimeout();
    void finishDoneTransfers();

    CURLM *m_multi; // owned
    QTimer m_timer;
    int m_added = 0;
};

} // namespace Console
