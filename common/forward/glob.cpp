#include "forward/glob.h"

namespace forgelink {

bool Glob::matches(const QString &pattern, const QString &text)
{
    // Iterative wildcard matching with one backtrack point: linear in practice, never exponential.
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype star = -1;
    qsizetype resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern.at(p) == u'?' || pattern.at(p) == text.at(t))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == u'*') {
            star = p++;
            resume = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == u'*')
        ++p;
    return p == pattern.size();
}

bool Glob::matchesAny(const QStringList &patterns, const QString &text)
{
    if (patterns.isEmpty())
        return true;
    for (const QString &pattern : patterns) {
        if (matches(pattern, text))
            return true;
    }
    return false;
}

} // namespace forgelink
