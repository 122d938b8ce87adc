package vn.loaxa.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * packaging/windows: the Task Scheduler definition is what schtasks accepts (the bytes match the
 * declared encoding, the Task Scheduler 1.2 namespace, elements where the schema defines them) and
 * says what a station needs; the scripts start what the task names.
 */
class WindowsTaskTest {

    static final Path DIR = Path.of("packaging", "windows");
    static final Path TASK = DIR.resolve("loaxa-task.xml");
    static final String NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    @Test
    void the_file_is_utf16le_with_a_byte_order_mark_as_its_declaration_says() throws Exception {
        byte[] bytes = Files.readAllBytes(TASK);
        assertThat(bytes[0] & 0xff).as("BOM").isEqualTo(0xFF);
        assertThat(bytes[1] & 0xff).as("BOM").isEqualTo(0xFE);
        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
        // Really UTF-16LE throughout, not UTF-8 bytes behind a BOM: the round trip gives the same bytes.
        assertThat(text.getBytes(StandardCharsets.UTF_16LE)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
        assertThat(text).doesNotContain("\uFFFD").doesNotContain("\uFEFF");
    }

    @Test
    void it_is_a_task_scheduler_1_2_task_valid_against_the_schema_subset_it_uses() throws Exception {
        Document task = parse(Files.readAllBytes(TASK));
        Element root = task.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("Task");
        assertThat(Double.parseDouble(root.getAttribute("version"))).isGreaterThanOrEqualTo(1.2);
        validate(Files.readAllBytes(TASK));
    }

    @Test
    void the_schema_check_refuses_a_misplaced_element_and_a_value_out_of_range() throws Exception {
        String text = new String(Files.readAllBytes(TASK), StandardCharsets.UTF_16);
        // RestartOnFailure belongs in Settings, not in the trigger.
        String misplaced = text.replace("<Delay>PT15S</Delay>",
                "<Delay>PT15S</Delay><RestartOnFailure><Interval>PT1M</Interval><Count>3</Count></RestartOnFailure>");
        assertThatThrownBy(() -> validate(misplaced.getBytes(StandardCharsets.UTF_16))).hasMessageContaining("RestartOnFailure");
        String tooOften = text.replace("<Interval>PT1M</Interval>", "<Interval>PT30S</Interval>");
        assertThat(tooOften).isNotEqualTo(text);
        assertThatThrownBy(() -> validate(tooOften.getBytes(StandardCharsets.UTF_16))).hasMessageContaining("PT30S");
    }

    @Test
    void it_starts_at_log_on_in_the_users_session_runs_for_ever_on_battery_too_and_restarts() throws Exception {
        Document task = parse(Files.readAllBytes(TASK));
        // The user's interactive session is where the sound devices are.
        assertThat(task.getElementsByTagNameNS(NS, "LogonTrigger").getLength()).isEqualTo(1);
        assertThat(task.getElementsByTagNameNS(NS, "BootTrigger").getLength()).isZero();
        assertThat(text(task, "LogonType")).isEqualTo("InteractiveToken");
        assertThat(text(task, "DisallowStartIfOnBatteries")).isEqualTo("false");
        assertThat(text(task, "StopIfGoingOnBatteries")).isEqualTo("false");
        Element settings = (Element) task.getElementsByTagNameNS(NS, "Settings").item(0);
        assertThat(((Element) settings.getElementsByTagNameNS(NS, "ExecutionTimeLimit").item(0)).getTextContent())
                .isEqualTo("PT0S");
        assertThat(text(task, "Interval")).isEqualTo("PT1M");
        assertThat(Integer.parseInt(text(task, "Count"))).isGreaterThanOrEqualTo(10);
        assertThat(Integer.parseInt(text(task, "Priority"))).as("normal priority (4-6), not the default 7")
                .isBetween(4, 6);
        assertThat(text(task, "MultipleInstancesPolicy")).isEqualTo("IgnoreNew");
        assertThat(text(task, "Command")).isEqualTo("C:\\LoaXa\\loaxa.cmd");
        assertThat(text(task, "WorkingDirectory")).isEqualTo("C:\\LoaXa");
    }

    @Test
    void the_scripts_install_what_the_task_starts_and_run_the_jar_with_the_jvm_argfile() throws Exception {
        String install = Files.readString(DIR.resolve("install.cmd"));
        String run = Files.readString(DIR.resolve("loaxa.cmd"));
        assertThat(install).contains("set \"DEST=C:\\LoaXa\"", "\"%DEST%\\loaxa.cmd\"", "\"%DEST%\\app\\loaxa.jar\"", "/COPY:DAT",
                "schtasks /create /tn \"Loa Xa\" /xml \"%DEST%\\loaxa-task.xml\" /f",
                "if not exist \"%DEST%\\loaxa-env.cmd\" copy");
        assertThat(run).contains("JAVA_HOME", "%%~$PATH:J", "\"@%LOAXA_HOME%\\loaxa.jvmopts\" %AOT_OPTS% %JAVA_OPTS% -jar app\\loaxa.jar",
                "if %JAVA_MAJOR% GEQ 25 set \"AOT_OPTS=@loaxa-aot.jvmopts\"",
                "LOAXA_STATION_DATA_DIR", "LOAXA_LIBRARY_AUDIO_DIR", "LOAXA_LOGGING_DIR", ">> \"%CONSOLE_LOG%\" 2>&1",
                "goto run");
        for (String script : new String[] {"install.cmd", "loaxa.cmd", "loaxa-env.cmd"}) {
            // cmd.exe mis-reads labels in files with bare LF line ends.
            String text = Files.readString(DIR.resolve(script));
            assertThat(Pattern.compile("(?<!\r)\n").matcher(text).find()).as(script + " has CRLF line ends").isFalse();
        }
    }

    private static Document parse(byte[] bytes) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static void validate(byte[] bytes) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(WindowsTaskTest.class.getResource("/ops/task-scheduler-subset.xsd"));
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(bytes)));
    }

    private static String text(Document task, String element) {
        var nodes = task.getElementsByTagNameNS(NS, element);
        assertThat(nodes.getLength()).as(element).isEqualTo(1);
        return nodes.item(0).getTextContent().strip();
    }
}
