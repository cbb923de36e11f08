package dev.piedge.demo.shop;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the shop sells. The form offers exactly these; a post naming anything else is
 * refused.
 */
enum MenuItem {

	GREEN_TEA("green-tea", "Green tea"),

	BLACK_COFFEE("black-coffee", "Black coffee"),

	OAT_COOKIE("oat-cookie", "Oat cookie");

	private final String id;

	private final String label;

	MenuItem(String id, String label) {
		this.id = id;
		this.label = label;
	}

	String id() {
		return this.id;
	}

	String label() {
		return this.label;
	}

	static Optional<MenuItem> byId(String id) {
		return Arrays.stream(values()).filter(item -> item.id.equals(id)).findFirst();
	}

}
