package org.jwtauth.resource.revocation;

import org.jwtauth.resource.revocation.RevocationFeedAnswer.Revocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationFeedAnswerTest {

    private static RevocationFeedAnswer parse(String json) throws IOException {
        return RevocationFeedAnswer.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheAgreedShape() throws IOException {
        RevocationFeedAnswer answer = parse("""
                {"revocations":[{"sub":"u-1","revoked_at":1700000000},{"sub":"u-2","revoked_at":1700000005}],
                 "as_of":1700000010}""");

        assertThat(answer.revocations()).containsExactly(
                new Revocation("u-1", Instant.ofEpochSecond(1_700_000_000L)),
                new Revocation("u-2", Instant.ofEpochSecond(1_700_000_005L)));
        assertThat(answer.asOf()).isEqualTo(Instant.ofEpochSecond(1_700_000_010L));
    }

    @Test
    void anEmptyListIsAnAnswer() throws IOException {
        assertThat(parse("{\"revocations\":[],\"as_of\":5}").revocations()).isEmpty();
    }

    @Test
    void unknownMembersAreIgnoredSoTheServerMayAddFields() throws IOException {
        RevocationFeedAnswer answer = parse("{\"revocations\":[{\"sub\":\"u\",\"revoked_at\":1,\"reason\":\"admin\"}],"
                + "\"as_of\":2,\"next\":null}");

        assertThat(answer.revocations()).containsExactly(new Revocation("u", Instant.ofEpochSecond(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "<html>502 Bad Gateway</html>",
            "[]",
            "null",
            "{}",
            "{\"as_of\":1}",
            "{\"revocations\":[]}",
            "{\"revocations\":{},\"as_of\":1}",
            "{\"revocations\":null,\"as_of\":1}",
            "{\"revocations\":[],\"as_of\":\"1\"}",
            "{\"revocations\":[],\"as_of\":1.5}",
            "{\"revocations\":[],\"as_of\":-1}",
            "{\"revocations\":[],\"as_of\":99999999999999999999}",
            "{\"revocations\":[],\"as_of\":253402300800}",
            "{\"revocations\":[\"u\"],\"as_of\":1}",
            "{\"revocations\":[{\"revoked_at\":1}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\"\",\"revoked_at\":1}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\" \",\"revoked_at\":1}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":42,\"revoked_at\":1}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\"u\"}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\"u\",\"revoked_at\":\"1\"}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\"u\",\"revoked_at\":1e3}],\"as_of\":1}",
            "{\"revocations\":[{\"sub\":\"u\",\"revoked_at\":1,\"revoked_at\":2}],\"as_of\":1}",
            "{\"revocations\":[],\"as_of\":1,\"as_of\":2}",
            "{\"revocations\":[],\"as_of\":1} trailing",
            "{\"revocations\":[],\"as_of\":1}{}",
    })
    void refusesEveryOtherShape(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("trailing", "html"));
    }

    @Test
    void refusesAnOverlongSubject() {
        String sub = "u".repeat(RevocationFeedAnswer.MAX_SUBJECT_LENGTH + 1);

        assertThatThrownBy(() -> parse("{\"revocations\":[{\"sub\":\"" + sub + "\",\"revoked_at\":1}],\"as_of\":1}"))
                .isInstanceOf(IOException.class);
    }
}
