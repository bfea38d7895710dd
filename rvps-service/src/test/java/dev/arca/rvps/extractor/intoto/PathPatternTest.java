package dev.arca.rvps.extractor.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} → {2}")
    @CsvSource({
            "foo.py, foo.py, true",
            "foo.py, foo.pyc, false",
            "*, lib/deep/file.c, true",     // fnmatch: * crosses /
            "lib/*, lib/a/b.c, true",
            "*.tar.gz, foo.tar.gz, true",
            "*.tar.gz, foo.tar.gz.sig, false",
            "foo.?, foo.c, true",
            "foo.?, foo.cc, false",
            "file[0-9].txt, file7.txt, true",
            "file[!0-9].txt, file7.txt, false",
            "file[!0-9].txt, fileX.txt, true",
            "[ab].c, b.c, true",
            "a[.c, a[.c, true",             // an unclosed [ is literal
            "a+b(c), a+b(c), true",          // regex characters are literal
            "Foo.py, foo.py, false"          // case-sensitive
    })
    void matchesLikeFnmatch(String pattern, String path, boolean expected) {
        assertThat(PathPattern.of(pattern).matches(path)).isEqualTo(expected);
    }

    /** fnmatch refuses a reversed range too; it used to escape as PatternSyntaxException (seed reversed-range). */
    @ParameterizedTest
    @CsvSource({"out/[z-a]*.bin", "[9-0]"})
    void refusesAReversedRangeAsInTotoRefusal(String pattern) {
        assertThatThrownBy(() -> PathPattern.of(pattern))
                .isInstanceOf(InTotoRefusedException.class)
                .hasMessageContaining(pattern);
    }
}
