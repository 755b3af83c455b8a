#pragma once

#include <QString>
#include <QStringList>

namespace Console {

// The last line of defence for a message that may echo a secret (a libpq error, a server's
// answer): masks each secret where it stands as a whole token. Masking every substring garbled
// messages and gave short secrets away: with password=1, "connection refused by 127.0.0.1:9" read
// "***27.0.0.***:9". Messages are best built without secrets in the first place.
class SecretMask final
{
public:
    // Tokens are separated by white space, quotes and the punctuation that separates values in
    // messages, URLs and connection strings (= , ; : @ / ? & # | ( ) [ ] { } < >); letters,
    // digits and . - _ ~ + % join a token, so a secret inside an address, a host name or a
    // longer word is not a token of its own. Longer secrets are masked first, so one that
    // contains another is masked whole.
    static QString masked(QString text, QStringList secrets, const QString &mask);

    static bool isBoundary(QChar c);
};

} // namespace Console
