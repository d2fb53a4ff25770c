#pragma once

#include "core/fielderror.h"
#include "core/result.h"
#include "settings/answers.h"

namespace forgelink {

// Reads an answers file (the wizard's --batch input) into Answers. Reports every unknown key and
// every value of the wrong shape at once, so the admin fixes the file in one pass.
class AnswersReader {
public:
    struct Reading {
        Answers answers;
        FieldErrors errors;
        // False when the file could not be read or is not a YAML mapping: the answers are empty
        // then, and judging them would only add noise.
        bool parsed = false;
    };

    static Reading readFile(const QString &path);
    static Reading readText(const QByteArray &text, const QString &baseDirectory);
};

} // namespace forgelink
