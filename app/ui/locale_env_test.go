package ui

// Tests run with the machine's locale too; C.UTF-8 must be as quiet here
// as in the real binary, whose main imports the same package.
import _ "communique/app/localeenv"
