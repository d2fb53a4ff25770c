#include "providerfieldspage.h"

#include "checkedlineedit.h"
#include "crypto/secretgenerator.h"
#include "providers/providerregistry.h"
#include "verifypanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace forgelink {

ProviderFieldsPage::ProviderFieldsPage(Provider provider, std::function<Answers()> answers, QWidget *parent)
    : AnswersPage(parent), m_provider(provider), m_form(new QFormLayout)
{
    const GitProvider &declared = ProviderRegistry::get(provider);
    setTitle(declared.displayName());
    setSubTitle(declared.setupHint());

    for (const ProviderField &field : declared.answerFields()) {
        if (field.kind == ProviderField::Kind::File || field.kind == ProviderField::Kind::PrivateKey)
            continue; // a key comes with a provider's own page (GitHub's)
        FieldInput input{ field };
        const QString objectName = declared.section() + QLatin1Char('.') + field.key;
        auto *label = new QLabel(field.label.isEmpty() ? field.key : field.label, this);
        if (field.kind == ProviderField::Kind::Choice) {
            input.choice = new QComboBox(this);
            input.choice->setObjectName(objectName);
            for (const auto &[value, text] : field.choices)
                input.choice->addItem(text, value);
            label->setBuddy(input.choice);
            m_form->addRow(label, input.choice);
            m_inputs << input;
            continue;
        }
        // The check sees the page's other fields, as the validator sees the other answers.
        input.edit = new CheckedLineEdit(objectName, [this, check = field.check](const QString &value) -> std::optional<QString> {
            return check ? check(value, currentValues()) : std::nullopt;
        }, this);
        input.edit->setSecret(field.isSecret());
        input.edit->setPlaceholderText(field.placeholder);
        input.edit->setText(field.kind == ProviderField::Kind::GeneratedSecret ? SecretGenerator::generate() : field.defaultValue);
        label->setBuddy(input.edit);
        if (field.kind == ProviderField::Kind::GeneratedSecret) {
            auto *regenerate = new QPushButton(tr("&Regenerate"), this);
            auto *row = new QHBoxLayout;
            row->addWidget(input.edit, 1);
            row->addWidget(regenerate);
            m_form->addRow(label, row);
            connect(regenerate, &QPushButton::clicked, input.edit, [edit = input.edit] { edit->setText(SecretGenerator::generate()); });
        } else {
            m_form->addRow(label, input.edit);
        }
        connect(input.edit, &CheckedLineEdit::textChanged, this, &ProviderFieldsPage::fieldChanged);
        m_inputs << input;
    }
    showApplicableChoices();

    m_verify = new VerifyPanel(provider, std::move(answers), this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_verify);
    layout->addStretch();
    connect(m_verify, &VerifyPanel::runningChanged, this, &ProviderFieldsPage::completeChanged);
}

ProviderAnswers ProviderFieldsPage::currentValues() const
{
    ProviderAnswers values;
    for (const FieldInput &input : m_inputs) {
        if (input.edit)
            values.set(input.field.key, input.edit->text());
    }
    // Choices last: whether one applies is decided by the lines.
    for (const FieldInput &input : m_inputs) {
        if (input.choice && input.field.isShown(values))
            values.set(input.field.key, input.choice->currentData().toString());
    }
    return values;
}

void ProviderFieldsPage::fieldChanged()
{
    // A field's check may look at the others (as a key file and a key do): judge them all again.
    for (const FieldInput &input : std::as_const(m_inputs)) {
        if (input.edit)
            input.edit->recheck();
    }
    showApplicableChoices();
    Q_EMIT completeChanged();
}

void ProviderFieldsPage::showApplicableChoices()
{
    const ProviderAnswers values = currentValues();
    for (const FieldInput &input : std::as_const(m_inputs)) {
        if (input.choice)
            m_form->setRowVisible(input.choice, input.field.isShown(values));
    }
}

bool ProviderFieldsPage::isComplete() const
{
    if (m_verify->isRunning())
        return false;
    for (const FieldInput &input : m_inputs) {
        if (input.edit && !input.edit->isValid())
            return false;
    }
    return true;
}

void ProviderFieldsPage::readAnswers(const Answers &answers)
{
    const ProviderAnswers *values = answers.provider(m_provider);
    if (!values)
        return;
    for (const FieldInput &input : std::as_const(m_inputs)) {
        const QString value = values->value(input.field.key);
        if (input.choice) {
            if (const int index = input.choice->findData(value); index >= 0)
                input.choice->setCurrentIndex(index);
        } else if (!value.isEmpty() || input.field.kind != ProviderField::Kind::GeneratedSecret) {
            // An empty webhook secret keeps the one generated here.
            input.edit->setText(value);
        }
    }
}

void ProviderFieldsPage::writeAnswers(Answers &answers) const
{
    ProviderAnswers *values = answers.provider(m_provider);
    if (!values)
        return;
    const ProviderAnswers current = currentValues();
    for (const FieldInput &input : m_inputs) {
        // A choice that does not apply gets what it stands for (Azure DevOps Services' version).
        values->set(input.field.key, current.has(input.field.key) ? current.value(input.field.key) : input.field.agentValue(current));
    }
}

} // namespace forgelink
