#pragma once

#include "settings/provideranswers.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>
#include <utility>

namespace forgelink {

// One setting a provider asks the administrator for, declared once in the provider's folder
// (GitProvider::answerFields()). The answers reader, the validator, the values and agent.yaml
// writers, the wizard's generic page, its review and its saved session all work from these
// declarations, so none of them lists a provider's fields.
struct ProviderField {
    enum class Kind {
        Text,
        Number,          // digits; written to YAML as a number
        Url,
        Choice,          // one of `choices`
        File,            // a path, resolved against the answers file's folder
        Secret,          // given by the administrator (a token); env:NAME and file:PATH are read
        GeneratedSecret, // a webhook secret: generated when left empty
        PrivateKey,      // a PEM: from the provider's File field, or set by the wizard
    };
    // What a field says of a value: nothing, or the problem. It sees the provider's other
    // answers, for a field that depends on another (a key file or a key).
    using Check = std::function<std::optional<QString>(const QString &value, const ProviderAnswers &answers)>;

    QString key;  // in the answers file, the values layout, agent.yaml and the wizard's session
    Kind kind = Kind::Text;
    QString defaultValue;     // what a newly enabled provider starts with
    Check check;              // nullptr: any value
    bool fromAnswersFile = true; // false: only the wizard sets it (GitHub's key from the manifest flow)
    bool inValues = false;       // the values layout may place it in Pipekit's values
    bool inAgentConfig = false;  // written into the provider's section of agent.yaml
    QString secretFileName;      // a secret's key in the agent's Kubernetes Secret
    // Written instead of an empty value (Azure DevOps' API version for its URL).
    std::function<QString(const ProviderAnswers &answers)> fallback;

    // The wizard's generic page: its label (with its & shortcut, translated), its placeholder,
    // the choices of a Choice, and when it is shown (always, without a rule).
    QString label;
    QString placeholder;
    QList<std::pair<QString, QString>> choices; // value, label
    std::function<bool(const ProviderAnswers &answers)> shownWhen;
    // Saved by the wizard's session under another keychain name than section.key (a name
    // sessions already use).
    QString keychainName;

    // Whether the wizard shows it, given the provider's other answers.
    bool isShown(const ProviderAnswers &answers) const { return !shownWhen || shownWhen(answers); }
    bool isSecret() const { return kind == Kind::Secret || kind == Kind::GeneratedSecret || kind == Kind::PrivateKey; }
    // A value as YAML gets it: a Number as a number (the chart and the agent read an integer).
    QVariant yamlValue(const QString &value) const { return kind == Kind::Number ? QVariant(value.toLongLong()) : QVariant(value); }
    // The value agent.yaml gets: the answer, or the fallback for an empty one.
    QString agentValue(const ProviderAnswers &answers) const
    {
        const QString value = answers.value(key);
        return value.isEmpty() && fallback ? fallback(answers) : value;
    }
};

using ProviderFields = QList<ProviderField>;

// A check of the value alone (AnswersValidator's), for a field that must be given.
inline ProviderField::Check requiredValue(std::optional<QString> (*check)(const QString &value))
{
    return [check](const QString &value, const ProviderAnswers &) { return check(value); };
}

// The same for a field that may be left empty: an empty value passes.
inline ProviderField::Check valueWhenGiven(std::optional<QString> (*check)(const QString &value))
{
    return [check](const QString &value, const ProviderAnswers &) {
        return value.isEmpty() ? std::nullopt : check(value);
    };
}

} // namespace forgelink
