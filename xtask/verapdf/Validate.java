import java.io.File;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The test suite's veraPDF driver: validates one PDF against one veraPDF profile with the
 * veraPDF library (its greenfield parser and official rule sets), as `cargo xtask setup`
 * installs them. Not the veraPDF command line; only what the tests read.
 *
 * <p>Usage: {@code Validate FLAVOUR FILE.pdf}, FLAVOUR a veraPDF id such as 2a, 3a or ua1.
 * Prints {@code compliant} or {@code not compliant}, then one line per failed rule:
 * its clause and test number, how often it failed, its description and the first place.
 * Exit code: 0 compliant, 1 not compliant, 2 the file or the flavour could not be read.
 */
public final class Validate {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Validate FLAVOUR FILE.pdf");
            System.exit(2);
        }
        PDFAFlavour flavour = PDFAFlavour.byFlavourId(args[0]);
        if (flavour == PDFAFlavour.NO_FLAVOUR) {
            System.err.println("unknown veraPDF flavour: " + args[0]);
            System.exit(2);
        }
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(args[1]), flavour)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
            ValidationResult result = validator.validate(parser);
            System.out.println((result.isCompliant() ? "compliant" : "not compliant") + " ("
                    + result.getProfileDetails().getName() + ")");
            // The failed rules in a stable order, each with its count and its first failure.
            Map<String, TestAssertion> first = new TreeMap<>();
            Map<String, Integer> count = new TreeMap<>();
            for (TestAssertion assertion : result.getTestAssertions()) {
                if (assertion.getStatus() != TestAssertion.Status.FAILED) continue;
                String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
                first.putIfAbsent(rule, assertion);
                count.merge(rule, 1, Integer::sum);
            }
            for (Map.Entry<String, TestAssertion> entry : first.entrySet()) {
                TestAssertion assertion = entry.getValue();
                String where = assertion.getLocation() == null ? "" : " at " + assertion.getLocation().getContext();
                System.out.println("  " + entry.getKey() + " (x" + count.get(entry.getKey()) + "): "
                        + assertion.getMessage().replaceAll("\\s+", " ").trim() + where);
            }
            System.exit(result.isCompliant() ? 0 : 1);
        } catch (Exception err) {
            System.err.println(args[1] + ": " + err);
            System.exit(2);
        }
    }
}
