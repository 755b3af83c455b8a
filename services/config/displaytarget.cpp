#include "displaytarget.h"

#include "conninfo.h"

namespace Console {

QString DisplayTarget::forUrl(QStringView url)
{
    const QStringView s = url.trimmed();
    const qsizetype schemeEnd = s.indexOf(u"://");
    const qsizetype authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < s.size() && s[authorityEnd] != u'/' && s[authorityEnd] != u'?'
        && s[authorityEnd] != u'#') {
        ++authorityEnd;
    }
    const QStringView authority = s.sliced(authorityStart, authorityEnd - authorityStart);
    const QStringView host = authority.sliced(authority.lastIndexOf(u'@') + 1);

    QStringView path = s.sliced(authorityEnd);
    const qsizetype cut = path.indexOf(u'?') >= 0 ? path.indexOf(u'?') : path.indexOf(u'#');
    if (cut >= 0)
        path = path.first(cut);
    return s.first(authorityStart) + host + path;
}

QString DisplayTarget::forConnectionString(QStringView connection)
{
    return ConnInfo::redacted(connection);
}

} // namespace Console
