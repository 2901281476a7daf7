package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in headless Chromium, as a person would, and checks that every image in it
 * loads and decodes. Skipped where /usr/bin/chromium is not installed (Debian: apt-get install chromium).
 *
 * <p>The report has no script of its own, so the test opens a copy with two additions: a Content
 * Security Policy that allows only inline data (any external resource would fail to load), and a
 * script that, once the page has loaded, draws every image on a canvas and writes "decoded/total"
 * into an attribute of the body. {@code --dump-dom} prints the resulting DOM, which the test reads.
 * A page with a broken image checks that the probe can fail.
 */
class HtmlReportInChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Counts the images that loaded at their stated width and whose first pixel decodes opaque (the PNGs have no alpha). */
    static final String PROBE = """
        <script>
        window.addEventListener('load', () => {
          const imgs = Array.from(document.images);
          const ctx = Object.assign(document.createElement('canvas'), {width: 1, height: 1}).getContext('2d');
          let ok = 0;
          for (const img of imgs) {
            if (!img.complete || img.naturalWidth === 0 || img.naturalWidth !== Number(img.getAttribute('width'))) continue;
            ctx.clearRect(0, 0, 1, 1);
            ctx.drawImage(img, 0, 0);
            if (ctx.getImageData(0, 0, 1, 1).data[3] === 255) ok++;
          }
          document.body.setAttribute('data-images', ok + '/' + imgs.length);
        });
        </script>
        """;

    static final String CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"/>";

    @Test void everyImageLoadsInABrowser(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": skipped");
        Path page = RunReportTest.fakeRun(dir.resolve("run"));
        String html = Files.readString(page);
        int expected = HtmlReportTest.all(HtmlReportTest.parse(html), "img").size();
        assertTrue(expected > 0);

        String dom = open(html, dir);
        assertEquals(expected + "/" + expected, imagesDecoded(dom), "images decoded / images on the page");
        assertTrue(dom.contains("<h1>Test run</h1>"));

        // The same probe on a page whose second image is cut short: it must notice.
        int second = html.indexOf("data:image/png;base64,", html.indexOf("data:image/png;base64,") + 1) + 22;
        String broken = html.substring(0, second) + html.substring(second + 40);
        assertEquals((expected - 1) + "/" + expected, imagesDecoded(open(broken, dir.resolve("broken"))));
    }

    /** The DOM of the page with the CSP and probe added, after Chromium loaded it. */
    static String open(String html, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, html.replace("<meta charset=\"utf-8\"/>", "<meta charset=\"utf-8\"/>\n" + CSP)
                                     .replace("</body>", PROBE + "</body>"));
        return dumpDom(probe, dir.resolve("profile"), dir.resolve("chromium.log"));
    }

    static String imagesDecoded(String dom) {
        Matcher m = Pattern.compile("data-images=\"(\\d+/\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the probe ran; DOM starts: " + dom.substring(0, Math.min(300, dom.length())));
        return m.group(1);
    }

    /** Chromium's DOM of a page after load (written to a file: it is larger than a pipe holds); killed after 60 s. */
    static String dumpDom(Path page, Path profile, Path log) throws Exception {
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString());
        Path out = log.resolveSibling("dom.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish in 60 s; its log: " + readQuietly(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
