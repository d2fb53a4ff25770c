#pragma once

#include "config/answersreader.h"
#include "core/fielderror.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace forgelink {

// Judges answers field by field, with the checks of FieldChecks and each provider's declared ones,
// so the wizard's pages can show the same message as the batch mode.
class AnswersValidator : public FieldChecks {
    Q_DECLARE_TR_FUNCTIONS(forgelink::AnswersValidator)

public:
    static FieldErrors validate(const Answers &answers);
    // Everything wrong with an answers file at once: what the reader found (unknown keys, wrong
    // shapes) and what validation finds in the rest. A field the reader named is not named again.
    static FieldErrors validate(const AnswersReader::Reading &read);

    static void validateDeploy(const DeployAnswers &deploy, FieldErrors &errors);
};

} // namespace forgelink
