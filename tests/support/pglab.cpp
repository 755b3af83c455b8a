#include "pglab.h"

#include <QDir>
#include <QFile>
#include <QFileDevice>
#include <QProcess>
#include <QProcessEnvironment>

namespace Console {

namespace {

constexpr int UpTimeoutMs = 120000;
constexpr int FaultTimeoutMs = 60000;
constexpr int PsqlTimeoutMs = 15000;
// A rejoin may stop the node, rewind, fall back to a base backup and wait for streaming twice.
constexpr int RejoinTimeoutMs = 240000;

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

// Runs a child to completion within timeoutMs; a child that overstays is killed, never left behind.
// `label` names the run in errors (e.g. "lab up", "psql").
bool runProcess(QProcess &process, const QString &program, const QStringList &args,
    const QString &label, int timeoutMs, QString *error)
{
    process.start(program, args);
    if (!process.waitForStarted(10000)) {
        setError(error, label + QStringLiteral(": ") + process.errorString());
        return false;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        setError(error, label + QStringLiteral(": no answer within %1 ms").arg(timeoutMs));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString stderrText = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        setError(error,
            QStringLiteral("%1: exit %2: %3").arg(label).arg(process.exitCode()).arg(stderrText));
        return false;
    }
    return true;
}

} // namespace

PgLab::PgLab() = default;

PgLab::~PgLab()
{
    // Even after a failed up(): the script may have left a half-built lab in the folder.
    if (!m_dir.isEmpty())
        down();
}

QString PgLab::scriptPath()
{
    return QStringLiteral(CONSOLE_SOURCE_DIR "/scripts/lab");
}

bool PgLab::up(int standbys, QString *error)
{
    if (!m_tempDir.isValid()) {
        setError(error, QStringLiteral("no temporary folder: ") + m_tempDir.errorString());
        return false;
    }
    // As root the servers run as the postgres user, which must be able to enter the folder;
    // the lab folder inside is 0700 again.
    QFile::setPermissions(m_tempDir.path(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
            | QFileDevice::ExeOther);
    m_dir = m_tempDir.filePath(QStringLiteral("lab"));
    const QStringList args = { QStringLiteral("up"), QStringLiteral("--dir"), m_dir,
        QStringLiteral("--standbys"), QString::number(standbys), QStringLiteral("--no-current") };
    QString output;
    if (!runLab(args, UpTimeoutMs, &output, error))
        return false;
    return readEnv(error);
}

bool PgLab::down(QString *error)
{
    m_env.clear();
    m_password.clear();
    if (m_dir.isEmpty())
        return true;
    QString output;
    return runLab(
        { QStringLiteral("down"), QStringLiteral("--dir"), m_dir }, FaultTimeoutMs, &output, error);
}

QStringList PgLab::nodes() const
{
    return env(QStringLiteral("LAB_NODES")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

int PgLab::port(const QString &node) const
{
    return env(QStringLiteral("LAB_%1_PORT").arg(node.toUpper())).toInt();
}

QString PgLab::connectionString(const QString &node) const
{
    return QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=monitor password=%2 "
                          "connect_timeout=2")
        .arg(port(node))
        .arg(m_password);
}

QString PgLab::configPath() const
{
    return env(QStringLiteral("LAB_CONFIG"));
}

bool PgLab::fault(const QString &node, const QString &kind, QString *error)
{
    QString output;
    return runLab({ QStringLiteral("fault"), node, kind, QStringLiteral("--dir"), m_dir },
        FaultTimeoutMs, &output, error);
}

bool PgLab::startLoad(const QString &node, int seconds, QString *error)
{
    QString output;
    return runLab({ QStringLiteral("fault"), node, QStringLiteral("load"), QString::number(seconds),
                      QStringLiteral("--dir"), m_dir },
        FaultTimeoutMs, &output, error);
}

bool PgLab::fence(const QString &node, QString *summary, QString *error)
{
    QString output;
    const bool ok = runLab({ QStringLiteral("fence"), node, QStringLiteral("--dir"), m_dir },
        FaultTimeoutMs, &output, error);
    if (summary)
        *summary = output;
    return ok;
}

bool PgLab::rejoin(const QString &node, const QString &source, QString *summary, QString *error)
{
    QString output;
    const bool ok = runLab({ QStringLiteral("rejoin"), node, QStringLiteral("--from"), source,
                               QStringLiteral("--dir"), m_dir },
        RejoinTimeoutMs, &output, error);
    if (summary)
        *summary = output;
    return ok;
}

QString PgLab::status(QString *error) const
{
    QString output;
    if (!runLab({ QStringLiteral("status"), QStringLiteral("--dir"), m_dir }, FaultTimeoutMs,
            &output, error))
        return {};
    return output;
}

QString PgLab::psql(const QString &node, const QString &sql, QString *error) const
{
    const QStringList args = { QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"),
        QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
        QStringLiteral("-h"), m_dir, QStringLiteral("-p"), QString::number(port(node)),
        QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"),
        QStringLiteral("postgres"), QStringLiteral("-c"), sql };
    return runPsql(args, {}, error);
}

QString PgLab::monitorQuery(const QString &node, const QString &sql, QString *error) const
{
    // The password goes by environment, not on a command line other users could read.
    const QString conninfo = QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=monitor "
                                            "connect_timeout=2")
                                 .arg(port(node));
    const QStringList args = { QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"),
        QStringLiteral("-q"), conninfo, QStringLiteral("-c"), sql };
    return runPsql(args, m_password, error);
}

QString PgLab::runPsql(const QStringList &args, const QString &password, QString *error) const
{
    if (!isUp()) {
        setError(error, QStringLiteral("the lab is not up"));
        return {};
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("3"));
    if (!password.isEmpty())
        environment.insert(QStringLiteral("PGPASSWORD"), password);
    process.setProcessEnvironment(environment);
    const QString program = env(QStringLiteral("LAB_PG_BIN")) + QStringLiteral("/psql");
    if (!runProcess(process, program, args, QStringLiteral("psql"), PsqlTimeoutMs, error))
        return {};
    setError(error, {});
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

bool PgLab::runLab(const QStringList &args, int timeoutMs, QString *output, QString *error) const
{
    QProcess process;
    const QString label = QStringLiteral("lab ") + args.value(0);
    if (!runProcess(process, QStringLiteral("bash"), QStringList { scriptPath() } + args, label,
            timeoutMs, error))
        return false;
    *output = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    setError(error, {});
    return true;
}

bool PgLab::readEnv(QString *error)
{
    QFile file(QDir(m_dir).filePath(QStringLiteral("lab.env")));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        setError(error, file.fileName() + QStringLiteral(": ") + file.errorString());
        return false;
    }
    // Lines are KEY='value' (the script never writes a quote inside a value).
    m_env.clear();
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        QString value = line.mid(eq + 1);
        if (value.size() >= 2 && value.startsWith(QLatin1Char('\''))
            && value.endsWith(QLatin1Char('\'')))
            value = value.mid(1, value.size() - 2);
        m_env.insert(line.left(eq), value);
    }
    QFile passwordFile(env(QStringLiteral("LAB_PASSWORD_FILE")));
    if (!passwordFile.open(QIODevice::ReadOnly)) {
        setError(error,
            QStringLiteral("cannot read the monitor password: ") + passwordFile.errorString());
        m_env.clear();
        return false;
    }
    m_password = QString::fromUtf8(passwordFile.readAll()).trimmed();
    return true;
}

} // namespace Console
