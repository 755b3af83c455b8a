// libFuzzer target: the bytes of one input are a configuration file, checked exactly as
// `failover-console --check-config FILE` checks one. Built by scripts/fuzz-config (clang,
// CONSOLE_FUZZ=ON) and replayed over the seed corpus and every crash found by
// fuzz_config_replay, a test of the normal suite.

#include "configcheck.h"

#include <QByteArray>
#include <QString>
#include <QTextStream>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

// Values from the environment are secrets to the loader. These fixed ones stand in for the
// examples' variables, so their files load in full, and are distinctive enough that finding one
// in a message means the message leaked it.
struct Variable
{
    const char *name;
    const char *value;
};
constexpr Variable Variables[] = {
    { "PGPASSWORD", "fuzz-secret-pgpassword-7Qv3" },
    { "SUPABASE_ANON_KEY", "fuzz-secret-anon-key-K2m9" },
    { "DEMO_API_KEY", "fuzz-secret-demo-key-P4x1" },
    { "DEMO_ADMIN_TOKEN", "fuzz-secret-admin-token-W8z5" },
    { "DEMO_US_EAST_URL", "http://127.0.0.1:9/fuzz-secret-us-east" },
    { "DEMO_EU_WEST_URL", "http://127.0.0.1:9/fuzz-secret-eu-west" },
    { "DEMO_AP_SOUTHEAST_URL", "http://127.0.0.1:9/fuzz-secret-ap-southeast" },
    { "DEMO_CONTROL_URL", "http://127.0.0.1:9/fuzz-secret-control" },
    { "FUZZ_SECRET", "fuzz-secret-plain-Z6c4" },
    { "FUZZ_EMPTY", "" },
};

// Never read: relative paths in an input (ca_file, lock_file, a command) resolve against a
// folder that does not exist, the same on every machine.
const QString FileName = QStringLiteral("/nonexistent-fuzz-config/config.yaml");

// FUZZ_CONFIG_PRINT=1 prints what --check-config would print for each input (for triage).
bool g_print = false;

[[noreturn]] void fail(const char *what, const QString &text)
{
    std::fprintf(stderr, "fuzz_config: %s\n%s\n", what, text.toLocal8Bit().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int * /*argc*/, char *** /*argv*/)
{
    // The loader reads ${NAME} from the environment and looks commands up on PATH: a fixed
    // environment makes an input behave the same on every machine and holds no real secret.
    // The sanitizers have read their options already.
    g_print = qEnvironmentVariableIntValue("FUZZ_CONFIG_PRINT") == 1;
    clearenv();
    setenv("PATH", "/usr/bin:/bin", 1);
    for (const Variable &v : Variables)
        setenv(v.name, v.value, 1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Not copied: AddressSanitizer then catches a read past the input's last byte.
    const QByteArray yaml
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    const int code = Console::runConfigCheck(FileName, yaml, out, err);
    out.flush();
    err.flush();
    if (g_print)
        std::fprintf(
            stderr, "%s%s", outText.toLocal8Bit().constData(), errText.toLocal8Bit().constData());

    // What --check-config promises, checked on every input.
    if (code == 0 && (!errText.isEmpty() || outText.isEmpty()))
        fail("a file that passed printed diagnostics or no summary", errText);
    if (code != 0 && (errText.isEmpty() || !outText.isEmpty()))
        fail("a refused file printed no diagnostic, or a summary", outText + errText);
    for (const Variable &v : Variables) {
        const QString value = QString::fromUtf8(v.value);
        if (value.isEmpty() || yaml.contains(v.value))
            continue; // a value the file itself spells out may be quoted back
        if (errText.contains(value) || outText.contains(value))
            fail("a message shows a value taken from the environment", outText + errText);
    }
    return 0;
}
