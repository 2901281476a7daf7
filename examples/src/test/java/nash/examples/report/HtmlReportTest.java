package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {

    static final String NASTY = "<script>alert('x')</script> & \"quotes\"";

    static byte[] png(int w, int h, int rgb) {
        var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        return Png.encode(img);
    }

    static HtmlReport report() {
        var config = new LinkedHashMap<String, Object>();
        config.put("loss", "non-saturating");
        config.put("lr", 2e-4);
        config.put("betas", new double[] {0.5, 0.999});
        config.put(NASTY, NASTY);
        var finals = new LinkedHashMap<String, Number>();
        finals.put("FID", 21.23456);
        finals.put("modes covered", 8);
        finals.put("KL", Double.NaN);
        return new HtmlReport("Run <1> & co")
            .subtitle("nash train ring --steps 10")
            .config(config)
            .finalMetrics(finals)
            .sample(2000, png(30, 20, 0x000000))
            .sample(1000, png(30, 20, 0xffffff))
            .chart("Losses", png(50, 40, 0x0072b2))
            .figure("Interpolation", NASTY, png(60, 10, 0x808080));
    }

    /** The page parses as XML: so every tag is closed and every text escaped. */
    static Document parse(String html) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static List<Element> all(Document d, String tag) {
        NodeList nl = d.getElementsByTagName(tag);
        var out = new ArrayList<Element>();
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    @Test void everyImageIsAnInlinePngOfTheStatedSize() throws Exception {
        Document d = parse(report().toHtml());
        List<Element> imgs = all(d, "img");
        assertEquals(4, imgs.size());
        for (Element img : imgs) {
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 30));
            byte[] bytes = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(back, "decodes as an image");
            assertEquals(Integer.parseInt(img.getAttribute("width")), back.getWidth());
            assertEquals(Integer.parseInt(img.getAttribute("height")), back.getHeight());
            assertFalse(img.getAttribute("alt").isEmpty(), "has alt text");
        }
        // Samples come in step order, whatever order they were added in.
        assertEquals(List.of("step 1,000", "step 2,000", NASTY), all(d, "figcaption").stream().map(Element::getTextContent).toList());
        assertEquals(0xffffff, pixel(imgs.get(0)));
        assertEquals(0x000000, pixel(imgs.get(1)));
    }

    static int pixel(Element img) throws Exception {
        String src = img.getAttribute("src");
        byte[] bytes = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
        return ImageIO.read(new ByteArrayInputStream(bytes)).getRGB(0, 0) & 0xffffff;
    }

    @Test void textIsEscapedAndTablesHoldTheValues() throws Exception {
        String html = report().toHtml();
        assertFalse(html.contains("<script"), "no live script from the data");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        Document d = parse(html);
        assertEquals("Run <1> & co", d.getElementsByTagName("title").item(0).getTextContent());
        assertEquals("Run <1> & co", d.getElementsByTagName("h1").item(0).getTextContent());
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element tr : all(d, "tr")) {
            rows.put(tr.getElementsByTagName("th").item(0).getTextContent(), tr.getElementsByTagName("td").item(0).getTextContent());
        }
        assertEquals("non-saturating", rows.get("loss"));
        assertEquals("0.0002", rows.get("lr"));
        assertEquals("[0.5, 0.999]", rows.get("betas"));
        assertEquals(NASTY, rows.get(NASTY));
        assertEquals("21.23", rows.get("FID"));
        assertEquals("8", rows.get("modes covered"));
        assertEquals("NaN", rows.get("KL"));
        List<String> headings = all(d, "h2").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("Configuration", "Final metrics", HtmlReport.SAMPLES, HtmlReport.CURVES, "Interpolation"), headings);
        // self-contained: nothing is fetched
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//).*"), "no external resources");
        assertTrue(all(d, "link").isEmpty() && all(d, "script").isEmpty());
    }

    @Test void writesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/report.html");
        report().write(file);
        assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    }

    @Test void anEmptyReportIsStillAPage() throws Exception {
        Document d = parse(new HtmlReport("Nothing yet").toHtml());
        assertTrue(all(d, "img").isEmpty());
        assertTrue(all(d, "h2").isEmpty());
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> new HtmlReport("t").sample(5, new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("step 5") && e.getMessage().contains("3 bytes are not a PNG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport(" "));
        e = assertThrows(IllegalArgumentException.class, () -> new HtmlReport("t").config("", 1));
        assertTrue(e.getMessage().startsWith("HtmlReport.config"), e.getMessage());
    }

    @Test void escapeHandlesEveryCharacterThatMatters() {
        assertEquals("a&lt;b&gt;c&amp;d&quot;e&#39;f\uFFFDg", HtmlReport.esc("a<b>c&d\"e'f\u0001g"));
    }
}
