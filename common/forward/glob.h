#pragma once

#include <QString>
#include <QStringList>

namespace forgelink {

// The patterns of a forward target's filters: `*` matches any run of characters, `/` included,
// `?` one character, everything else itself; the whole text must match.
class Glob {
public:
    static bool matches(const QString &pattern, const QString &text);
    // True when the list is empty (no filter) or any pattern matches.
    static bool matchesAny(const QStringList &patterns, const QString &text);
};

} // namespace forgelink
