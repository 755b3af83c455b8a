#include "keysuggester.h"

#include <QList>

#include <algorithm>

namespace Console {

namespace {

QString normalized(QStringView word)
{
    QString out;
    for (QChar c : word) {
        if (c != u'_' && c != u'-')
            out += c.toLower();
    }
    return out;
}

} // namespace

int KeySuggester::distance(QStringView a, QStringView b)
{
    // Optimal string alignment distance over a full (a+1) x (b+1) table; keys are short.
    const qsizetype rows = a.size() + 1;
    const qsizetype cols = b.size() + 1;
    QList<int> d(rows * cols, 0);
    const auto at = [cols, &d](qsizetype i, qsizetype j) -> int & { return d[i * cols + j]; };
    for (qsizetype i = 0; i < rows; ++i)
        at(i, 0) = int(i);
    for (qsizetype j = 0; j < cols; ++j)
        at(0, j) = int(j);
    for (qsizetype i = 1; i < rows; ++i) {
        for (qsizetype j = 1; j < cols; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({ at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost });
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(rows - 1, cols - 1);
}

QString KeySuggester::closest(QStringView word, const QStringList &candidates)
{
    const QString key = normalized(word);
    QString best;
    int bestDistance = 0;
    for (const QString &candidate : candidates) {
        const QString other = normalized(candidate);
        const int d = distance(key, other);
        // Two edits is a typo; more on a short word is a different word.
        const int allowed = std::min<qsizetype>(2, std::max<qsizetype>(1, other.size() / 3));
        if (d <= allowed && (best.isEmpty() || d < bestDistance)) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

} // namespace Console
