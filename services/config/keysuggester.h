#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Console {

// Finds the known key a misspelt one was probably meant to be, for "did you mean" hints.
class KeySuggester final
{
public:
    // The closest candidate, or an empty string when none is close enough to be a good guess.
    // "probeInterval" and "Probe-Interval" both find "probe_interval".
    static QString closest(QStringView word, const QStringList &candidates);

    // Edit distance counting a swap of two neighbouring letters as one edit ("regoins").
    static int distance(QStringView a, QStringView b);
};

} // namespace Console
