#pragma once

#include <QString>

namespace forgelink {

// "1 row", "2 rows": a count with its noun in the right number, for English messages and tables
// (translated texts use tr()'s %n forms instead).
inline QString counted(qint64 count, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

} // namespace forgelink
