#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace forgelink {

// A problem with one named field of an input file: `github.appId: must be a number, got "12a"`.
struct FieldError {
    QString field;
    QString message;

    QString toString() const { return field + QStringLiteral(": ") + message; }
    bool operator==(const FieldError &) const = default;
};

using FieldErrors = QList<FieldError>;

inline QStringList toStringList(const FieldErrors &errors)
{
    QStringList lines;
    for (const FieldError &error : errors)
        lines << error.toString();
    return lines;
}

} // namespace forgelink
