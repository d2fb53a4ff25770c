#include "agentcli.h"

#include "agentcommands.h"
#include "commandline.h"
#include "log/logformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <optional>

namespace forgelink {

namespace {

// One command's usage, what it does, and its options.
QString commandHelp(const AgentCommand &command)
{
    QString text = QStringLiteral("Usage: forgelink-agent %1\n\n%2.\n\nOptions:\n").arg(command.usage, command.description);
    QList<QCommandLineOption> options = CommandLine::options();
    options << QCommandLineOption(QStringLiteral("help"), QStringLiteral("This help."));
    const QStringList names = command.options + QStringList{ QStringLiteral("log-level"), QStringLiteral("log-format"), QStringLiteral("help") };
    for (const QString &wanted : names) {
        for (const QCommandLineOption &option : std::as_const(options)) {
            if (option.names().first() != wanted)
                continue;
            const QString flag = QStringLiteral("--") + wanted + (option.valueName().isEmpty() ? QString() : QStringLiteral(" <%1>").arg(option.valueName()));
            text += QStringLiteral("  %1  %2\n").arg(flag.leftJustified(24), option.description());
        }
    }
    return text;
}

} // namespace

int AgentCli::run(const QStringList &arguments)
{
    QTextStream &out = CommandLine::out();
    QTextStream &err = CommandLine::err();
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Receives the Git providers' webhooks for Pipekit, forwards them, and keeps the list of repositories.\n\n")
            + AgentCommands::overview());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(CommandLine::options());
    QStringList commandNames;
    for (const AgentCommand &command : AgentCommands::all())
        commandNames << command.name;
    parser.addPositionalArgument(QStringLiteral("command"), commandNames.join(QStringLiteral(", ")));
    if (!parser.parse(arguments)) {
        err << "forgelink-agent: " << parser.errorText() << '\n';
        return CommandLine::kUsage;
    }
    const std::optional<QtMsgType> level = LogFormat::levelFromName(parser.value(QStringLiteral("log-level")));
    const std::optional<LogFormat::Style> style = LogFormat::styleFromName(parser.value(QStringLiteral("log-format")));
    if (!level || !style) {
        err << "forgelink-agent: "
            << (!level ? "--log-level must be debug, info, warning or error, got \"" + parser.value(QStringLiteral("log-level"))
                       : "--log-format must be text or json, got \"" + parser.value(QStringLiteral("log-format")))
            << "\"\n";
        return CommandLine::kUsage;
    }
    LogFormat::install(*level, *style);
    // `help`, `help COMMAND`, `COMMAND --help`: the general help, or one command's.
    const QStringList words = parser.positionalArguments();
    const bool helpWord = !words.isEmpty() && words.first() == u"help";
    if (parser.isSet(QStringLiteral("help")) || helpWord) {
        const QString about = helpWord ? words.value(1) : words.value(0);
        if (about.isEmpty()) {
            out << parser.helpText();
            return CommandLine::kOk;
        }
        const AgentCommand *command = AgentCommands::find(about);
        if (!command) {
            err << "forgelink-agent: unknown command \"" << about << "\"\n" << AgentCommands::overview() << '\n';
            return CommandLine::kUsage;
        }
        out << commandHelp(*command);
        return CommandLine::kOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << "forgelink-agent " << QCoreApplication::applicationVersion() << '\n';
        return CommandLine::kOk;
    }
    if (words.isEmpty()) {
        err << "forgelink-agent: a command is needed\n" << AgentCommands::overview() << '\n';
        return CommandLine::kUsage;
    }
    const AgentCommand *command = AgentCommands::find(words.first());
    if (!command || !command->run) {
        err << "forgelink-agent: unknown command \"" << words.first() << "\"\n" << AgentCommands::overview() << '\n';
        return CommandLine::kUsage;
    }
    std::optional<Provider> onlyProvider;
    if (parser.isSet(QStringLiteral("provider"))) {
        onlyProvider = providerFromId(parser.value(QStringLiteral("provider")));
        if (!onlyProvider) {
            err << "forgelink-agent: --provider must be github, gitlab, bitbucket or azure-devops, got \""
                << parser.value(QStringLiteral("provider")) << "\"\n";
            return CommandLine::kUsage;
        }
    }
    CommandLine line(parser, command->name, words.mid(1), onlyProvider);
    return command->run(line);
}

} // namespace forgelink
