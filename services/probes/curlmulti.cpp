#include "curlmulti.h"

#include <QSocketNotifier>

#include <climits>
#include <mutex>

namespace Console {

namespace {

void initCurlOnce()
{
    // curl_global_init is not safe to race; every later call is a no-op.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

// The notifiers of one socket curl asked us to watch. Made when curl first names the socket,
// disabled and deleted later when curl lets it go: curl may let it go from inside a notifier's
// own activation.
class CurlMulti::SocketWatch final : public QObject
{
public:
    SocketWatch(curl_socket_t socket, CurlMulti *multi)
        : QObject(multi)
        , m_read(socket, QSocketNotifier::Read, this)
        , m_write(socket, QSocketNotifier::Write, this)
    {
        connect(&m_read, &QSocketNotifier::activated, multi,
            [multi, socket] { multi->onSocketActivated(socket, CURL_CSELECT_IN); });
        connect(&m_write, &QSocketNotifier::activated, multi,
            [multi, socket] { multi->onSocketActivated(socket, CURL_CSELECT_OUT); });
    }

    void watch(bool read, bool write)
    {
        m_read.setEnabled(read);
        m_write.setEnabled(write);
    }

private:
    QSocketNotifier m_read;
    QSocketNotifier m_write;
};

CurlMulti::CurlMulti(QObject *parent)
    : QObject(parent)
{
    initCurlOnce();
    m_multi = curl_multi_init();
    Q_ASSERT(m_multi);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CurlMulti::onTimeout);
}

CurlMulti::~CurlMulti()
{
    if (m_added > 0)
        qWarning("CurlMulti: destroyed with %d transfers still added", m_added);
    // Closes the cached connections; their socket callbacks only schedule deletions.
    curl_multi_cleanup(m_multi);
}

bool CurlMulti::add(CURL *easy, Transfer *transfer)
{
    curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer);
    if (curl_multi_add_handle(m_multi, easy) != CURLM_OK) {
        curl_easy_setopt(easy, CURLOPT_PRIVATE, nullptr);
        return false;
    }
    ++m_added;
    return true;
}

void CurlMulti::remove(CURL *easy)
{
    // Removing a handle that is not added is harmless to curl; count only real removals.
    void *transfer = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
    if (!transfer)
        return;
    curl_easy_setopt(easy, CURLOPT_PRIVATE, nullptr);
    curl_multi_remove_handle(m_multi, easy);
    --m_added;
}

int CurlMulti::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *watch)
{
    static_cast<CurlMulti *>(self)->updateSocket(socket, what, static_cast<SocketWatch *>(watch));
    return 0;
}

void CurlMulti::updateSocket(curl_socket_t socket, int what, SocketWatch *watch)
{
    if (what == CURL_POLL_REMOVE) {
        if (watch) {
            watch->watch(false, false);
            watch->deleteLater();
            curl_multi_assign(m_multi, socket, nullptr);
        }
        return;
    }
    if (!watch) {
        watch = new SocketWatch(socket, this);
        curl_multi_assign(m_multi, socket, watch);
    }
    watch->watch(what == CURL_POLL_IN || what == CURL_POLL_INOUT,
        what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    // curl must not be re-entered from its own callback: the timer calls it back, even for 0.
    QTimer &timer = static_cast<CurlMulti *>(self)->m_timer;
    if (timeoutMs < 0)
        timer.stop();
    else
        timer.start(static_cast<int>(qMin<long>(timeoutMs, INT_MAX)));
    return 0;
}

void CurlMulti::onSocketActivated(curl_socket_t socket, int event)
{
    int running = 0;
    curl_multi_socket_action(m_multi, socket, event, &running);
    finishDoneTransfers();
}

void CurlMulti::onTimeout()
{
    int running = 0;
    curl_multi_socket_action(m_multi, CURL_SOCKET_TIMEOUT, 0, &running);
    finishDoneTransfers();
}

void CurlMulti::finishDoneTransfers()
{
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        const CURLcode result = message->data.result;
        void *transfer = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
        // Removed before the transfer hears of it, so it may start again or go away; removing
        // also drops any message still queued for this handle.
        remove(easy);
        if (transfer)
            static_cast<Transfer *>(transfer)->transferDone(result);
    }
}

} // namespace Console
