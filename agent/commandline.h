#pragma once

#include "settings/agentconfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace forgelink {

class Store;

// What every command of forgelink-agent is given: the words after its name, the options, and the
// config and store they name; and what every command says the same way (a missing config, a
// store that cannot open, a bad --limit). Problems go to err() with "forgelink-agent: ".
class CommandLine {
public:
    static constexpr int kOk = 0;
    static constexpr int kFailure = 1; // at run time (for status: something needs attention)
    static constexpr int kUsage = 2;   // the command line or the config

    // Every option any command takes; each command names the ones it uses.
    static QList<QCommandLineOption> options();

    CommandLine(const QCommandLineParser &parser, QString command, QStringList arguments, std::optional<Provider> onlyProvider);

    const QString &command() const { return m_command; }
    // The words after the command's name.
    const QStringList &arguments() const { return m_arguments; }
    QString value(const QString &option) const { return m_parser.value(option); }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    bool json() const { return isSet(QStringLiteral("json")); }
    // --provider, checked by the time a command runs.
    std::optional<Provider> onlyProvider() const { return m_onlyProvider; }

    // True when the command was given no words; otherwise says so.
    bool takesNoArguments(const QString &besides = QStringLiteral("its options"));
    // --limit as a positive number; nullopt (said) otherwise.
    std::optional<int> limit();
    // The config --config names, every secret in it read, and --provider enabled in it; nullopt
    // (the problems said) otherwise.
    std::optional<AgentConfig> loadConfig();
    // The commands' own connection to the store; nullptr (the reason said) when it cannot open.
    std::unique_ptr<Store> openStore(const AgentConfig &config);
    // The config and the store, for the commands that need both.
    struct Opened {
        AgentConfig config;
        std::unique_ptr<Store> store;
    };
    // 0 with both open; otherwise the exit code to return, the problem said (kUsage for the
    // config, kFailure for the store).
    int open(Opened &opened);

    // Says "forgelink-agent: MESSAGE" and gives the exit code to return.
    static int failure(const QString &message);
    static int usage(const QString &message);

    // "known: a, b" or "the config names no forward target".
    static QString knownTargets(const AgentConfig &config);
    // PROVIDER:ID (github:72d3162e-...), or nullopt.
    static std::optional<std::pair<Provider, QString>> deliveryKey(const QString &text);
    // The config's forward target of that name, or nullptr.
    static const ForwardTarget *findTarget(const AgentConfig &config, const QString &name);
    // "unknown target NAME; known: ...", and the exit code to return.
    static int unknownTarget(const QString &name, const AgentConfig &config);

    static QTextStream &out();
    static QTextStream &err();

private:
    const QCommandLineParser &m_parser;
    QString m_command;
    QStringList m_arguments;
    std::optional<Provider> m_onlyProvider;
};

} // namespace forgelink
