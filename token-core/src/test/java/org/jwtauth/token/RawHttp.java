package org.jwtauth.token;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requests as bytes on a socket, for what an HTTP client library refuses to send: malformed request
 * lines and header lines, the kind a server must refuse without writing them to its log.
 */
public final class RawHttp {

    /**
     * Malformed requests that each carry {@code canary} where a token would be: a header line with a
     * space before its colon, a control character in a header value, an obs-fold continuation line, an
     * invalid character in the request target and in a header name.
     */
    public static List<String> malformedRequestsCarrying(String canary) {
        return List.of(
                "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer " + canary + "\r\n\r\n",
                "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + canary + "\u0001\r\n\r\n",
                "GET /api/me HTTP/1.1\r\nHost: x\r\n Authorization: Bearer " + canary + "\r\n\r\n",
                "GET /api/me?access_token=" + canary + "{} HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthoriz\u007fation: Bearer " + canary + "\r\n\r\n");
    }

    private RawHttp() {
    }

    /** @return the status line of the answer, or "" when the server just closed the connection */
    public static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != -1 && b != '\r' && b != '\n'; ) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
