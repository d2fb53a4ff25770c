#pragma once

#include "log/logfields.h"

#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace forgelink {

// How the agent writes its log to stderr (`--log-level`, `--log-format`): text lines that start
// with an RFC 3339 time and its zone, or one JSON object per line with time, level, category,
// message and the LogFields that apply (provider, deliveryId, target), for log pipelines.
class LogFormat {
public:
    enum class Style { Text, Json };

    // debug, info, warning, error.
    static std::optional<QtMsgType> levelFromName(const QString &name);
    static std::optional<Style> styleFromName(const QString &name);
    // Installs the message handler for the whole process; messages below `minimum` are dropped.
    static void install(QtMsgType minimum, Style style);

    // One line, newline included.
    static QByteArray format(Style style, QtMsgType type, const char *category, const QString &message, const QDateTime &at,
                             const QList<LogFields::Field> &fields);
    static QString levelName(QtMsgType type);
    // The text with every control character written as an escape (\n, \r, \t, \x1b, \u0085):
    // a value taken from a request (a repository name, a target's answer) can neither start a
    // forged log line nor send escape sequences to a terminal.
    static QString printable(const QString &text);
    // The order of severity: debug 0, info 1, warning 2, error 3, fatal 4.
    static int rank(QtMsgType type);
};

} // namespace forgelink
