# SPDX-License-Identifier: MIT
# make preload-check's gcc input: a C program of `functions` functions (awk -v
# functions=N), each a loop over a switch, and a main that prints a checksum
# of them all.  Deterministic: no randomness, so every run compiles the same file.
BEGIN {
    print "#include <stdio.h>"
    for (f = 0; f < functions; f++) {
        printf "static unsigned long f%d(unsigned long x)\n{\n    unsigned long acc = %d;\n", f, f
        printf "    for (int i = 0; i < %d; i++) {\n        switch ((x + i) %% 5) {\n", 3 + f % 7
        for (c = 0; c < 5; c++)
            printf "        case %d: acc = acc * %d + (x >> %d) + i; break;\n", c, 31 + c + f % 13, c + 1
        printf "        }\n    }\n    return acc ^ %dUL;\n}\n", f * 7919
    }
    print "int main(void)\n{\n    unsigned long sum = 0;"
    for (f = 0; f < functions; f++)
        printf "    sum += f%d(sum + %d);\n", f, f
    print "    printf(\"%lu\\n\", sum);\n    return 0;\n}"
}
