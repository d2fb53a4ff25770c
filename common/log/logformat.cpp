#include "log/logformat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace forgelink {

namespace {

QtMsgType g_minimum = QtInfoMsg;
LogFormat::Style g_style = LogFormat::Style::Text;
std::mutex g_writing;

void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogFormat::rank(type) < LogFormat::rank(g_minimum))
        return;
    const QByteArray line = LogFormat::format(g_style, type, context.category, message, QDateTime::currentDateTime(), LogFields::current());
    {
        std::lock_guard lock(g_writing);
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

std::optional<QtMsgType> LogFormat::levelFromName(const QString &name)
{
    if (name == u"debug")
        return QtDebugMsg;
    if (name == u"info")
        return QtInfoMsg;
    if (name == u"warning")
        return QtWarningMsg;
    if (name == u"error")
        return QtCriticalMsg;
    return std::nullopt;
}

std::optional<LogFormat::Style> LogFormat::styleFromName(const QString &name)
{
    if (name == u"text")
        return Style::Text;
    if (name == u"json")
        return Style::Json;
    return std::nullopt;
}

int LogFormat::rank(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 0;
    case QtInfoMsg: return 1;
    case QtWarningMsg: return 2;
    case QtCriticalMsg: return 3;
    case QtFatalMsg: return 4;
    }
    return 1;
}

QString LogFormat::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return QStringLiteral("debug");
    case QtInfoMsg: return QStringLiteral("info");
    case QtWarningMsg: return QStringLiteral("warning");
    case QtCriticalMsg: return QStringLiteral("error");
    case QtFatalMsg: return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

void LogFormat::install(QtMsgType minimum, Style style)
{
    g_minimum = minimum;
    g_style = style;
    // The categories themselves drop what is below the level, so a line that is not written is
    // not formatted either (one info line per delivery at warning). Debug is asked for by name.
    if (minimum == QtDebugMsg)
        QLoggingCategory::setFilterRules(QStringLiteral("forgelink.*.debug=true"));
    else if (minimum == QtWarningMsg)
        QLoggingCategory::setFilterRules(QStringLiteral("*.info=false"));
    else if (minimum == QtCriticalMsg)
        QLoggingCategory::setFilterRules(QStringLiteral("*.info=false\n*.warning=false"));
    qInstallMessageHandler(handle);
}

QString LogFormat::printable(const QString &text)
{
    const auto isControl = [](QChar c) { return c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f) || c.unicode() == 0x2028 || c.unicode() == 0x2029; };
    if (std::none_of(text.begin(), text.end(), isControl))
        return text;
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (QChar c : text) {
        if (!isControl(c))
            escaped += c;
        else if (c == u'\n')
            escaped += QStringLiteral("\\n");
        else if (c == u'\r')
            escaped += QStringLiteral("\\r");
        else if (c == u'\t')
            escaped += QStringLiteral("\\t");
        else if (c.unicode() < 0x100)
            escaped += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return escaped;
}

QByteArray LogFormat::format(Style style, QtMsgType type, const char *category, const QString &message, const QDateTime &at,
                             const QList<LogFields::Field> &fields)
{
    // RFC 3339 with the zone's offset, whatever the zone is.
    const QString time = at.toOffsetFromUtc(at.offsetFromUtc()).toString(Qt::ISODateWithMs);
    const QString area = QString::fromUtf8(category ? category : "default");
    if (style == Style::Text)
        return (time + QLatin1Char(' ') + levelName(type) + QLatin1Char(' ') + area + QStringLiteral(": ") + printable(message)).toUtf8() + '\n';
    QJsonObject object{ { QStringLiteral("time"), time },
                        { QStringLiteral("level"), levelName(type) },
                        { QStringLiteral("category"), area },
                        { QStringLiteral("message"), message } };
    for (const auto &[name, value] : fields)
        object.insert(QLatin1String(name), value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace forgelink
