#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

namespace Console {

// The texts of an ActionOutcome: secrets masked, output cut to its tail, durations written the
// one way. Pure functions, so the masking is tested without running anything.
class OutcomeText final
{
public:
    static constexpr qsizetype MaxDetailBytes = 2 * 1024;

    // The secrets worth masking: non-empty, each once, longest first so that a secret holding
    // another is masked whole.
    static QStringList maskOrder(const QStringList &secrets);
    // Every whole occurrence of a secret (in `maskOrder`) replaced by "••••".
    static QString masked(QString text, const QStringList &orderedSecrets);
    // The last MaxDetailBytes of `output` as text, secrets masked before cutting (a cut must not
    // leave half a secret), a leading "…" when something was cut; trailing white space removed.
    static QString detail(const QByteArray &output, const QStringList &orderedSecrets);
    // "12 ms" under a second, "0.41 s", "12.3 s", "4 min 10 s" above.
    static QString elapsed(std::chrono::milliseconds elapsed);
};

} // namespace Console
