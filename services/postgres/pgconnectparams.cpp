#include "pgconnectparams.h"

#include "conninfo.h"
#include "secretmask.h"

#include <QHostAddress>

#include <libpq-fe.h>

#include <memory>
#include <utility>

namespace Console {

namespace {

struct ConninfoFree
{
    void operator()(PQconninfoOption *options) const { PQconninfoFree(options); }
};

QString valueOf(const PQconninfoOption *options, const char *keyword)
{
    for (const PQconninfoOption *o = options; o->keyword; ++o) {
        if (qstrcmp(o->keyword, keyword) == 0)
            return o->val ? QString::fromUtf8(o->val) : QString();
    }
    return {};
}

bool needsLookup(const QString &host)
{
    if (host.isEmpty() || host.startsWith(u'/') || host.startsWith(u'@'))
        return false;
    return QHostAddress(host).isNull();
}

} // namespace

PgConnectParams PgConnectParams::parse(const QString &connectionString)
{
    PgConnectParams params;
    params.m_connectionString = connectionString.trimmed();
    if (params.m_connectionString.isEmpty()) {
        params.m_error = tr("the connection string is empty");
        return params;
    }
    char *errorText = nullptr;
    const std::unique_ptr<PQconninfoOption, ConninfoFree> options(
        PQconninfoParse(params.m_connectionString.toUtf8().constData(), &errorText));
    if (!options) {
        // libpq's message may quote a fragment of the string, which may be the password.
        PQfreemem(errorText);
        params.m_error = tr("the connection string is malformed");
        return params;
    }
    // The same check as --check-config: the checker and the running console never disagree.
    if (const QString problem = ConnInfo::check(params.m_connectionString); !problem.isEmpty()) {
        params.m_error = problem;
        return params;
    }
    params.m_password = valueOf(options.get(), "password");
    params.m_userOptions = valueOf(options.get(), "options");
    // libpq resolves names inside PQconnectPoll, blocking the thread, for every name it is given
    // but one we resolve first; a host list, a service entry or a PGHOST it picks up itself
    // would all slip past that, so they are refused or taken over here.
    QString host = valueOf(options.get(), "host");
    const QString hostaddr = valueOf(options.get(), "hostaddr");
    if (!valueOf(options.get(), "service").isEmpty()) {
        params.m_error = tr("service= is not supported: write host=, port= and dbname= out");
        return params;
    }
    if (host.isEmpty() && hostaddr.isEmpty())
        host = qEnvironmentVariable("PGHOST");
    if (host.contains(u',') || hostaddr.contains(u',')) {
        params.m_error = tr("name one server per endpoint (list the others as endpoints of "
                            "their own)");
        return params;
    }
    if (hostaddr.isEmpty() && needsLookup(host))
        params.m_hostToResolve = host;
    return params;
}

QString PgConnectParams::scrubbed(QString text) const
{
    // Whole tokens only: a password of "1" must not turn 127.0.0.1 into ***27.0.0.***.
    return SecretMask::masked(
        std::move(text), { m_password, qEnvironmentVariable("PGPASSWORD") }, QStringLiteral("***"));
}

QByteArrayList PgConnectParams::keywords() const
{
    QByteArrayList k { "dbname", "fallback_application_name", "client_encoding" };
    if (!m_resolvedAddresses.isEmpty())
        k += { "host", "hostaddr" };
    if (m_startupOptions && m_statementTimeout.count() > 0)
        k += "options";
    return k;
}

QByteArrayList PgConnectParams::values() const
{
    QByteArrayList v { m_connectionString.toUtf8(), "failover-console", "UTF8" };
    if (!m_resolvedAddresses.isEmpty()) {
        // The name stays for TLS verification and pg_hba; hostaddr skips libpq's own lookup.
        QStringList hosts;
        for (qsizetype i = 0; i < m_resolvedAddresses.size(); ++i)
            hosts += m_hostToResolve;
        v += hosts.join(u',').toUtf8();
        v += m_resolvedAddresses.join(u',').toUtf8();
    }
    if (m_startupOptions && m_statementTimeout.count() > 0) {
        QString options = m_userOptions;
        if (!options.isEmpty())
            options += u' ';
        options += QStringLiteral("-c statement_timeout=%1").arg(m_statementTimeout.count());
        v += options.toUtf8();
    }
    return v;
}

} // namespace Console
