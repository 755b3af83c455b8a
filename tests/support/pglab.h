#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace Console {

// A lab of real PostgreSQL 15 clusters for integration tests: scripts/lab brings up a primary and
// N streaming standbys on 127.0.0.1 in a private folder, and the destructor always tears it down,
// so a failing test leaves no server behind. Node names: "primary", "standby1", "standby2", ...
class PgLab final
{
public:
    PgLab();
    ~PgLab();
    Q_DISABLE_COPY_MOVE(PgLab)

    // Creates and starts the lab and waits until every standby streams. Blocks for a few seconds.
    bool up(int standbys = 2, QString *error = nullptr);
    // Stops every node and removes the lab folder; safe to call twice.
    bool down(QString *error = nullptr);
    bool isUp() const { return !m_env.isEmpty(); }

    QString dir() const { return m_dir; }
    QStringList nodes() const;
    int port(const QString &node) const;
    // A libpq connection string for the monitor role over TCP, password included: tests only.
    QString connectionString(const QString &node) const;
    // The lab's console.yaml; its connections read the password from the lab's libpq passfile.
    QString configPath() const;
    QString password() const { return m_password; }

    // KIND is one of scripts/lab's faults: crash start freeze thaw refuse accept pause-replay
    // resume-replay promote load-stop restore. The script waits until the fault has taken effect.
    bool fault(const QString &node, const QString &kind, QString *error = nullptr);
    // Heavy write load (pgbench) on a writable node for `seconds`, in the background.
    bool startLoad(const QString &node, int seconds, QString *error = nullptr);
    // STONITH (`lab fence`): SIGKILL every process of the node, frozen or not; true as well when
    // the node was down already. *summary gets the script's line ("standby2: fenced (...)").
    bool fence(const QString &node, QString *summary = nullptr, QString *error = nullptr);
    // Failback (`lab rejoin NODE --from SOURCE`): rebuilds node as a streaming standby of source
    // (pg_rewind, else a fresh base backup) and returns once source sees it streaming. Names or
    // region ids ("lab-standby1"). *summary: "primary: rewound from standby1, streaming, in ..."
    // or "... rebuilt from a base backup ...".
    bool rejoin(const QString &node, const QString &source, QString *summary = nullptr,
        QString *error = nullptr);
    // `lab status`: a header and one line per node (port, pid, state, role, timeline, replication).
    QString status(QString *error = nullptr) const;

    // Runs sql with `psql -Atc` as the superuser over the node's Unix socket (admin access that
    // refuse does not block); returns the trimmed output, or an empty string and *error.
    QString psql(const QString &node, const QString &sql, QString *error = nullptr) const;
    // Runs sql as the monitor role over TCP with connect_timeout=2, the way the console connects.
    QString monitorQuery(const QString &node, const QString &sql, QString *error = nullptr) const;

    static QString scriptPath();

private:
    bool runLab(const QStringList &args, int timeoutMs, QString *output, QString *error) const;
    QString runPsql(const QStringList &args, const QString &password, QString *error) const;
    bool readEnv(QString *error);
    QString env(const QString &key) const { return m_env.value(key); }

    QTemporaryDir m_tempDir;
    QString m_dir;
    QHash<QString, QString> m_env; // lab.env of the running lab; empty while down
    QString m_password;
};

} // namespace Console
