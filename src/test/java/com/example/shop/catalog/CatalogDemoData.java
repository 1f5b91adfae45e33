package com.example.shop.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.CatalogImageService;
import com.example.shop.catalog.internal.ProductCommand;
import com.example.shop.catalog.internal.ProductOption;

/**
 * A believable shop for the dev run ({@code ./mvnw spring-boot:test-run}): nine categories in three
 * trees and 45 products, a few of them sold out, one in sizes and colours, each with a small picture. Loaded only into an empty catalog, through the same
 * administration service the admin API uses. Test scope: it never reaches the production jar.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CatalogDemoData {

    private static final Logger log = LoggerFactory.getLogger(CatalogDemoData.class);

    record Item(String slug, String name, String description, long price, int stock, String category) {
    }

    static final List<String[]> CATEGORIES = List.of(
            new String[] {"clothing", "Clothing", null},
            new String[] {"tops", "Tops", "clothing"},
            new String[] {"socks", "Socks", "clothing"},
            new String[] {"outerwear", "Outerwear", "clothing"},
            new String[] {"home", "Home", null},
            new String[] {"kitchen", "Kitchen", "home"},
            new String[] {"bedding", "Bedding", "home"},
            new String[] {"outdoors", "Outdoors", null},
            new String[] {"camping", "Camping", "outdoors"});

    static final List<Item> ITEMS = List.of(
            new Item("merino-crew-tee", "Merino crew tee", "Lightweight merino wool T-shirt that stays fresh for days.", 4900, 35, "tops"),
            new Item("organic-cotton-tee", "Organic cotton tee", "Classic fit tee in heavyweight organic cotton.", 2500, 80, "tops"),
            new Item("linen-shirt", "Linen shirt", "Breathable washed-linen shirt with a relaxed collar.", 6900, 12, "tops"),
            new Item("flannel-shirt", "Flannel shirt", "Brushed cotton flannel in a red and navy check.", 5900, 0, "tops"),
            new Item("wool-sweater", "Lambswool sweater", "Crew-neck lambswool sweater, ribbed cuffs and hem.", 8900, 18, "tops"),
            new Item("breton-top", "Breton striped top", "Long-sleeve striped cotton top, boat neck.", 3900, 22, "tops"),
            new Item("hiking-socks", "Merino hiking socks", "Cushioned merino wool socks for long days on the trail.", 1800, 120, "socks"),
            new Item("running-socks", "Running socks", "Thin, quick-drying socks with arch support.", 1200, 200, "socks"),
            new Item("wool-house-socks", "Wool house socks", "Thick knitted wool socks for cold floors.", 1600, 0, "socks"),
            new Item("compression-socks", "Compression socks", "Graduated compression for travel and recovery.", 2400, 40, "socks"),
            new Item("cotton-socks-5-pack", "Cotton socks, 5 pack", "Everyday combed-cotton socks in five colours.", 1500, 90, "socks"),
            new Item("rain-jacket", "Packable rain jacket", "Waterproof, breathable shell that packs into its pocket.", 11900, 15, "outerwear"),
            new Item("down-jacket", "Down jacket", "Responsibly sourced 700-fill down, light and warm.", 18900, 8, "outerwear"),
            new Item("fleece-jacket", "Fleece jacket", "Recycled polyester fleece with zipped hand pockets.", 6900, 30, "outerwear"),
            new Item("wool-coat", "Wool overcoat", "Tailored overcoat in a wool and cashmere blend.", 29900, 0, "outerwear"),
            new Item("softshell-jacket", "Softshell jacket", "Stretchy, wind-resistant jacket for active days.", 9900, 14, "outerwear"),
            new Item("chefs-knife", "Chef's knife 20 cm", "Forged stainless-steel chef's knife with a full tang.", 8900, 25, "kitchen"),
            new Item("cast-iron-skillet", "Cast iron skillet", "Pre-seasoned 26 cm cast iron pan for every hob.", 4500, 40, "kitchen"),
            new Item("pour-over-coffee-maker", "Pour-over coffee maker", "Glass pour-over brewer with a reusable steel filter.", 3400, 33, "kitchen"),
            new Item("stoneware-mugs", "Stoneware mugs, set of 4", "Hand-glazed stoneware mugs, 350 ml each.", 3600, 0, "kitchen"),
            new Item("wooden-cutting-board", "Oak cutting board", "End-grain oak board, oiled and ready to use.", 5200, 16, "kitchen"),
            new Item("enamel-dutch-oven", "Enamel Dutch oven", "Enamelled cast iron casserole, 5 litres.", 12900, 9, "kitchen"),
            new Item("linen-tea-towels", "Linen tea towels", "Set of three absorbent linen tea towels.", 1900, 60, "kitchen"),
            new Item("espresso-grinder", "Burr coffee grinder", "Conical burr grinder with 30 grind settings.", 14900, 5, "kitchen"),
            new Item("percale-duvet-cover", "Percale duvet cover", "Crisp cotton percale duvet cover, double.", 8900, 20, "bedding"),
            new Item("linen-sheet-set", "Linen sheet set", "Stone-washed linen fitted sheet and pillowcases.", 13900, 11, "bedding"),
            new Item("wool-blanket", "Wool throw blanket", "Woven wool blanket with fringed edges.", 7900, 0, "bedding"),
            new Item("down-pillow", "Down pillow", "Medium-firm down pillow in a cotton cover.", 5900, 28, "bedding"),
            new Item("weighted-blanket", "Weighted blanket", "7 kg weighted blanket with a washable cover.", 11900, 6, "bedding"),
            new Item("silk-pillowcase", "Silk pillowcase", "Mulberry silk pillowcase, kind to hair and skin.", 4900, 45, "bedding"),
            new Item("two-person-tent", "Two-person tent", "Freestanding three-season tent, 1.9 kg.", 24900, 7, "camping"),
            new Item("sleeping-bag", "Down sleeping bag", "Comfort rating 0 °C, packs to the size of a melon.", 27900, 4, "camping"),
            new Item("camping-stove", "Camping stove", "Compact gas stove that boils a litre in three minutes.", 4900, 26, "camping"),
            new Item("headlamp", "Rechargeable headlamp", "400 lumen headlamp with a red night mode.", 3900, 70, "camping"),
            new Item("insulated-bottle", "Insulated bottle", "Steel bottle that keeps drinks cold for 24 hours.", 2900, 110, "camping"),
            new Item("sleeping-mat", "Inflatable sleeping mat", "Insulated mat, R-value 4.2, with a pump sack.", 13900, 0, "camping"),
            new Item("camp-chair", "Folding camp chair", "Lightweight aluminium chair that folds into a bag.", 7900, 19, "camping"),
            new Item("trekking-poles", "Trekking poles", "Carbon trekking poles with cork grips, pair.", 9900, 13, "outdoors"),
            new Item("daypack-20l", "Daypack 20 L", "Light daypack with a ventilated back panel.", 6900, 32, "outdoors"),
            new Item("binoculars", "Binoculars 8x42", "Waterproof binoculars for birding and hiking.", 19900, 3, "outdoors"),
            new Item("trail-map-set", "Trail map set", "Waterproof maps of the national parks, set of five.", 2900, 0, "outdoors"),
            new Item("picnic-blanket", "Picnic blanket", "Water-resistant picnic blanket with a carry strap.", 3900, 27, "outdoors"),
            new Item("scented-candle", "Scented candle", "Soy wax candle with cedar and sage, 50 hours.", 2200, 55, "home"),
            new Item("ceramic-vase", "Ceramic vase", "Hand-thrown stoneware vase, matte white.", 4400, 10, "home"),
            new Item("wool-rug", "Hand-woven wool rug", "Flat-woven wool rug, 160 x 230 cm.", 34900, 2, "home"));

    /** The demo product sold in sizes and colours: each combination its own SKU, price and stock. */
    static final String WITH_VARIANTS = "merino-crew-tee";

    static ProductCommand withVariants(ProductCommand plain, String sku, long price) {
        List<ProductOption> options = List.of(new ProductOption("Size", List.of("S", "M", "L")),
                new ProductOption("Colour", List.of("Natural", "Charcoal")));
        List<ProductCommand.VariantCommand> variants = List.of(
                new ProductCommand.VariantCommand(sku + "-S-NAT", Map.of("Size", "S", "Colour", "Natural"), null, null, 8),
                new ProductCommand.VariantCommand(sku + "-M-NAT", Map.of("Size", "M", "Colour", "Natural"), null, null, 12),
                new ProductCommand.VariantCommand(sku + "-L-NAT", Map.of("Size", "L", "Colour", "Natural"), price + 300, null, 0),
                new ProductCommand.VariantCommand(sku + "-M-CHA", Map.of("Size", "M", "Colour", "Charcoal"), price + 300, null, 6),
                new ProductCommand.VariantCommand(sku + "-L-CHA", Map.of("Size", "L", "Colour", "Charcoal"), price + 300, null, 9));
        return new ProductCommand(plain.sku(), plain.slug(), plain.name(), plain.description(), plain.priceAmount(),
                plain.priceCurrency(), plain.categorySlugs(), plain.imageUrl(), plain.active(), options, variants);
    }

    /** A small picture for a demo product, from src/test/resources/demo-images (never in the production jar). */
    static Optional<byte[]> image(String slug) {
        try (InputStream in = CatalogDemoData.class.getResourceAsStream("/demo-images/" + slug + ".png")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    ApplicationRunner catalogDemoData(CatalogAdminService admin, CatalogImageService images, JdbcClient jdbc) {
        return args -> {
            long existing = jdbc.sql("SELECT COUNT(*) FROM catalog_product").query(Long.class).single();
            if (existing > 0) {
                log.info("Catalog has {} products: no demo data loaded", existing);
                return;
            }
            for (String[] category : CATEGORIES) {
                admin.createCategory(category[0], category[1], category[2]);
            }
            for (Item item : ITEMS) {
                String sku = "DEMO-" + item.slug().toUpperCase(java.util.Locale.ROOT);
                ProductCommand command = new ProductCommand(sku, item.slug(), item.name(), item.description(),
                        item.price(), null, List.of(item.category()), "https://images.shop.example/" + item.slug() + ".jpg",
                        true);
                if (item.slug().equals(WITH_VARIANTS)) {
                    command = withVariants(command, sku, item.price());
                }
                ProductId product = new ProductId(admin.createProduct(command, item.stock()).id());
                image(item.slug()).ifPresent(bytes -> images.upload(product, bytes, item.name()));
            }
            log.info("Loaded demo catalog: {} categories, {} products ({} sold out)", CATEGORIES.size(), ITEMS.size(),
                    ITEMS.stream().filter(i -> i.stock() == 0).count());
        };
    }
}
